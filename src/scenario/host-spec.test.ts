/**
 * The host spec a scenario compiles to: extra disks are numbered the way the kernel numbers
 * virtio disks (16 minors each), so lsblk, /proc/partitions, stat and lsof agree on a
 * partition's device (vdb1 is 254:17, not 254:1 like the root partition).
 */
import { describe, expect, it } from "vitest";
import { hostSpecOf, type ScenarioFile } from "./index.js";

describe("hostSpecOf", () => {
  it("numbers an extra disk's partitions after the disk's own minor", () => {
    const s = {
      format: 1,
      id: "disk-minors",
      host: { disks: [{ name: "vdb", sizeGiB: 12, partitions: [{ name: "vdb1", sizeGiB: 6 }, { name: "vdb2", sizeGiB: 6 }] }] },
    } as unknown as ScenarioFile;
    const spec = hostSpecOf(s, 1);
    const vdb = spec.disks.find((d) => d.name === "vdb")!;
    expect([vdb.minor, ...(vdb.partitions ?? []).map((p) => p.minor)]).toEqual([16, 17, 18]);
    expect(spec.disks.find((d) => d.name === "vda")!.partitions!.map((p) => p.minor)).toEqual([1, 14, 15]);
  });
});
