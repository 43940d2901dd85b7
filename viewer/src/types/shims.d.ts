// graphology-layout-forceatlas2 ships its worker body without typings: a function that, run inside a worker,
// listens for iteration requests on `self`.
declare module 'graphology-layout-forceatlas2/webworker.js' {
  const workerBody: (this: unknown) => void;
  export default workerBody;
}
