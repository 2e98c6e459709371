import { computeEffective } from '../../../shared/privileges/effective';
import type { MatrixReply, MatrixRequest } from './matrixProtocol';
import { superuserTraps } from './superuserTraps';

/** The worker's global scope, as much of it as this file uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<MatrixRequest>) => void) | null;
  postMessage(message: MatrixReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

// why: 1,000 roles × 20,000 tables is 20 million cells; computing them on the page's
// thread would freeze the window, so it happens here and the arrays are transferred back.
scope.onmessage = (event) => {
  const { id, snapshot } = event.data;
  try {
    const m = computeEffective(snapshot);
    const data = {
      roleCount: m.roleOids.length,
      relationCount: m.relationOids.length,
      classOf: m.classOf,
      privileges: m.privileges,
      grantable: m.grantable,
      relevant: m.relevant,
      superuser: m.superuser,
      traps: superuserTraps(snapshot),
    };
    scope.postMessage({ id, ok: true, data }, [m.classOf.buffer, m.privileges.buffer, m.grantable.buffer, m.relevant.buffer, m.superuser.buffer]);
  } catch (err: unknown) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }, []);
  }
};
