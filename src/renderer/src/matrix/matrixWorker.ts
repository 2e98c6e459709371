import { computeEffective } from '../../../shared/privileges/effective';
import { cellBuffers } from '../../../shared/privileges/matrixCells';
import type { MatrixData, MatrixReply, MatrixRequest } from './matrixProtocol';

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
    const data: MatrixData = {
      roleCount: m.roleCount,
      relationCount: m.relationOids.length,
      classOf: m.classOf,
      relevant: m.relevant,
      superuser: m.superuser,
      basePrivileges: m.basePrivileges,
      baseGrantable: m.baseGrantable,
      extraStart: m.extraStart,
      extraRole: m.extraRole,
      extraPrivileges: m.extraPrivileges,
      extraGrantable: m.extraGrantable,
      refStart: m.refStart,
      refRole: m.refRole,
      refPrivileges: m.refPrivileges,
      refGrantable: m.refGrantable,
      usersStart: m.usersStart,
      usersOf: m.usersOf,
    };
    scope.postMessage({ id, ok: true, data }, cellBuffers(data));
  } catch (err: unknown) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }, []);
  }
};
