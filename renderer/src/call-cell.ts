import type { AgentCall, CallVariableName, CallVariables, GridColumn } from '../../contract/index.js';

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
      return text(column.name === undefined ? undefined : (call.ecc[eccWireName(column.name)] ?? call.ecc[column.name]));
    case 'ECCArray': {
      const [, name, index] = /^(.+)\[(\d+)\]$/.exec(column.name ?? '') ?? [];
      return text(name === undefined || index === undefined ? undefined : (call.eccArrays[eccWireName(name)] ?? call.eccArrays[name])?.[index]);
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
      return text(call.variables[callVariableOf(column.field)]);
    // Not carried in the call model yet (UUI, campaign), or not a call column (Statistic).
    case 'UserToUserInfo':
    case 'CampaignID':
    case 'QueryRuleID':
    case 'Statistic':
      return text(undefined);
  }
}

type VarColumn = `Var${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`;

/** The call variable a `VarN` column shows and edits (CTI OS Var1 is CallVariable1). */
function callVariableOf(field: VarColumn): CallVariableName {
  return `CallVariable${field.slice(3)}` as CallVariableName;
}

/** The settings name ECC variables without `user.`; CTI Server carries them with it. */
export function eccWireName(name: string): string {
  return name.startsWith('user.') ? name : `user.${name}`;
}

/** What `setCallData` carries for an edit of one cell. */
export type CallDataEdit = { variables: CallVariables } | { ecc: Record<string, string> } | { wrapup: string };

/**
 * The change an edit of `column` to `value` sends with setCallData, or undefined for a
 * column no command can change: the call variables, ECC scalars and wrap-up can be
 * set; UUI and ECC array elements are shown only (setCallData carries neither).
 */
export function callDataEdit(column: GridColumn, value: string): CallDataEdit | undefined {
  switch (column.field) {
    case 'ECC':
      return column.name === undefined ? undefined : { ecc: { [eccWireName(column.name)]: value } };
    case 'WrapUp':
      return { wrapup: value };
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
      return { variables: { [callVariableOf(column.field)]: value } };
    default:
      return undefined;
  }
}

/** A column's identity in a row: its field and, for ECC, which variable. */
export function columnId(column: GridColumn): string {
  return `${column.field}-${column.name ?? ''}`;
}
