/**
 * The elapsed-time clock of a session (wall time since the candidate started; survives reloads).
 */
import { useEffect, useState } from "react";
import { formatClock } from "../lib/format.js";

export function Timer({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <span className="timer" role="timer" aria-label="Elapsed time">
      {formatClock(now - since)}
    </span>
  );
}
