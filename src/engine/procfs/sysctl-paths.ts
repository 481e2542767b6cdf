/**
 * sysctl names and /proc/sys paths: "net.ipv4.ip_forward" <-> ["net","ipv4","ip_forward"].
 * (Dots inside a component, as in interface names, are written as "/" by sysctl; not modelled.)
 */
export function sysctlKeyToPath(key: string): string[] {
  return key.split(".");
}

export function pathToSysctlKey(path: string): string {
  return path.replace(/^\/?proc\/sys\//, "").split("/").join(".");
}
