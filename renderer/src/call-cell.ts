import type { AgentCall, GridColumn } from '../../contract/index.js';

/**
 * The text of one call-appearance cell (CTI OS Grid columns, ctios.md §5.3), or the
 * message key for the call status, which the grid says in the user's language.
 */
export type CellContent = { kind: 'text'; text: string } | { kind: 'status'; key: string };

export function callCell(agentCall: AgentCall, column: GridColumn): CellContent {
  const { call } = agentCall;
  const text = (value: string | number | undefined): CellContent => ({ kind: 'text', text: value === undefined ? '' : String(value) });
  switch (column.field) {
    case 'CallID':
      return text(call.connectionCallId);
    case 'CallStatus':
      return { kind: 'status', key: `call.status.${call.cleared ? 'cleared' : (agentCall.localState ?? 'null')}` };
    case 'DNIS':
      return text(call.dnis);
    case 'ANI':
      return text(call.ani);
    case 'CED':
      return text(call.callerEnteredDigits);
    case 'DialedNumber':
      return text(call.dialedNumber);
    case 'WrapUp':
      return text(call.wrapup);
    case 'ECC':
      return text(column.name === undefined ? undefined : call.ecc[column.name]);
    case 'ECCArray': {
      const [, name, index] = /^(.+)\[(\d+)\]$/.exec(column.name ?? '') ?? [];
      return text(name === undefined || index === undefined ? undefined : call.eccArrays[name]?.[index]);
    }
    case 'Var1':
    case 'Var2':
    case 'Var3':
    case 'Var4':
    case 'Var5':
    case 'Var6':
    case 'Var7':
    case 'Var8':
    case 'Var9':
    case 'Var10':
      return text(call.variables[`CallVariable${column.field.slice(3)}` as keyof typeof call.variables]);
    // Not carried in the call model yet (UUI, campaign), or not a call column (Statistic).
    case 'UserToUserInfo':
    case 'CampaignID':
    case 'QueryRuleID':
    case 'Statistic':
      return text(undefined);
  }
}
