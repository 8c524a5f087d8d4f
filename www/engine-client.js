// A promise-based handle on engine-worker.js. `onProgress(stage)` hears the load stages.
export class EngineClient {
  constructor(workerUrl, onProgress = () => {}) {
    this.worker = new Worker(workerUrl, { type: 'module' });
    this.next = 1;
    this.pending = new Map();
    this.worker.onmessage = ({ data }) => {
      if (data.progress) {
        onProgress(data.progress);
        return;
      }
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      if (data.ok) p.resolve(data);
      else p.reject(new Error(data.error));
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'worker failed'));
      this.pending.clear();
    };
  }

  request(msg) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  load(wasmUrl, modelBase) {
    return this.request({ type: 'load', wasmUrl: String(wasmUrl), modelBase: String(modelBase) });
  }

  check(text, decoder = 'aggressive') {
    return this.request({ type: 'check', text, decoder });
  }
}
