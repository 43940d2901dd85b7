/**
 * ForceAtlas2 iterations off the main thread. graphology's supervisor normally builds its worker from a blob: URL,
 * which `script-src 'self'` forbids; this file is the same worker body served as a real same-origin script.
 */
import workerBody from 'graphology-layout-forceatlas2/webworker.js';

workerBody.call(self);
