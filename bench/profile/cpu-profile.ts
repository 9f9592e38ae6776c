import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of a V8 `.cpuprofile`, in microseconds, idle time left out. */
export interface SelfTime {
  /** Microseconds the process was busy. */
  busy: number;
  /** Self time by function (`name file:line`). */
  byFrame: Map<string, number>;
  /**
   * Self time by where the code lives: the npm package, this library's file in `dist/`, the
   * Node.js module (`node:internal/crypto/hash`), or the native frame (`writev`,
   * `(garbage collector)`).
   */
  byPlace: Map<string, number>;
}

/** Reads a profile written by `node --cpu-prof`. */
export async function readSelfTime(file: string): Promise<SelfTime> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const result: SelfTime = { busy: 0, byFrame: new Map(), byPlace: new Map() };
  profile.samples.forEach((id, index) => {
    const { callFrame } = nodes.get(id)!;
    if (callFrame.functionName === '(idle)') {
      return;
    }
    // A sample's time is the delta to the next one.
    const micros = profile.timeDeltas[index + 1] ?? 0;
    result.busy += micros;
    add(result.byFrame, frameName(callFrame), micros);
    add(result.byPlace, placeOf(callFrame), micros);
  });
  return result;
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function frameName(callFrame: ProfileNode['callFrame']): string {
  const name = callFrame.functionName || '(anonymous)';
  return callFrame.url ? `${name} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : name;
}

function placeOf(callFrame: ProfileNode['callFrame']): string {
  if (!callFrame.url) {
    return callFrame.functionName;
  }
  const url = shortUrl(callFrame.url);
  if (url.startsWith('dist/') || url.startsWith('node:')) {
    return url;
  }
  const [scope, name] = url.split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

/** A path inside node_modules from the package on, or relative to the package root. */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    return path.slice(modules + '/node_modules/'.length);
  }
  return path.startsWith(`${process.cwd()}/`) ? path.slice(process.cwd().length + 1) : path;
}
