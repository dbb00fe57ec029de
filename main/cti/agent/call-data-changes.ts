import { CALL_VARIABLE_NAMES, type Call } from '../../../contract/index.js';
import type { CallDataChanges } from './agent-requests.js';

/** The items of `changes` that differ from what `call` holds: SET_CALL_DATA sends only these. */
export function changedItems(call: Call, changes: CallDataChanges): CallDataChanges {
  const variables = Object.fromEntries(
    CALL_VARIABLE_NAMES.flatMap((name) => {
      const value = changes.variables?.[name];
      return value !== undefined && value !== call.variables[name] ? [[name, value]] : [];
    }),
  );
  const ecc = Object.fromEntries(Object.entries(changes.ecc ?? {}).filter(([name, value]) => call.ecc[name] !== value));
  return {
    ...(Object.keys(variables).length > 0 ? { variables } : {}),
    ...(Object.keys(ecc).length > 0 ? { ecc } : {}),
    ...(changes.wrapup !== undefined && changes.wrapup !== call.wrapup ? { wrapup: changes.wrapup } : {}),
  };
}
