// Bottleneck's light build (no Redis clustering), which plugin-throttling itself loads, has no typings of
// its own; its API is the full build's.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
