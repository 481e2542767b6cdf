/**
 * The banner shown while progress cannot be saved (storage full or refused): the session goes
 * on, nothing saved before is lost, but a reload would not resume from here.
 */
import { useStore } from "zustand";
import { storageHealth } from "../lib/storage-health.js";

export function StorageWarning() {
  const failing = useStore(storageHealth, (s) => s.failing);
  if (!failing) return null;
  return (
    <div className="storage-warning" role="alert">
      <strong>Your progress is not being saved.</strong>{" "}
      {failing === "full" ? "This browser's storage for the site is full." : "This browser refused to store data for the site."} What was saved before
      is kept, but reloading or closing this tab now would lose what you did since. Finish in this tab, or free space (for example in the browser's
      site settings) and it will save again.
    </div>
  );
}
