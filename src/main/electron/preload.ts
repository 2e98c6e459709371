import { contextBridge, ipcRenderer } from 'electron';
import { invokeChannel } from '../transports/ipc';

// why: the page gets one function on one channel and nothing else; no ipcRenderer, no
// channel names, no Node. Main checks the sender frame and the method of every call.
contextBridge.exposeInMainWorld('warden', {
  invoke: (method: string, input: unknown, requestId?: string): Promise<unknown> => ipcRenderer.invoke(invokeChannel, method, input, requestId),
});
