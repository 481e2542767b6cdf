/**
 * The starter scenario that `faultline new <id>` writes and the app's editor opens "from a
 * template": a small, complete, commented scenario (a runaway batch job pinning the CPUs) that
 * passes `faultline validate` and `faultline test` as it is, so an instructor starts from
 * something that works and changes one part at a time. `scenarioTemplate(id)` fills in the id.
 */

/** A valid scenario id: lowercase letters, digits and dashes, starting with a letter or digit. */
export const SCENARIO_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The template's text with `id` (and a title derived from it) filled in. */
export function scenarioTemplate(id: string, title = titleFromId(id)): string {
  return TEMPLATE.replace(/__ID__/g, id).replace(/__TITLE__/g, title.replace(/["\\]/g, ""));
}

function titleFromId(id: string): string {
  const words = id.split("-").filter(Boolean).join(" ");
  return words ? words[0]!.toUpperCase() + words.slice(1) : "New scenario";
}

const TEMPLATE = `# yaml-language-server: $schema=../schema/scenario.schema.json
#
# A Faultline scenario. Start here, change one part at a time, and keep checking it:
#   npx faultline validate scenarios/__ID__.yaml   # schema, references, regexes (file:line:col)
#   npx faultline test scenarios/__ID__.yaml       # the walkthrough passes, anti-paths score low
#   npx faultline play scenarios/__ID__.yaml       # play it yourself
# Every field is described in docs/scenario-format.md and docs/scenario-fields.md.
format: 1
id: __ID__                        # kebab-case and stable: saved sessions refer to it
title: "__TITLE__"
summary: "A batch job went rogue and the web tier is slow. Find it and stop it."
difficulty: easy                  # easy | medium | hard
tags: [cpu, load, use:cpu, topic:cpu-saturation]
estimatedMinutes: 10
author: ""                        # your name
seed: 1                           # the default seed; every seed must give a solvable incident

# The ticket the candidate reads first (Markdown; raw HTML is shown as text, never run).
briefing: |
  **TICKET — \`{{hostname}}\` is slow**

  Since a few minutes ago every page on \`{{hostname}}\` takes seconds to load. Nothing was
  deployed today.

  You are logged in as \`sre\` (sudo allowed). Find the cause, fix it without breaking the
  web tier, and submit your diagnosis.

# Seeded variation, used as {{name}} anywhere in the file: answers cannot be memorised.
randomize:
  hostname: { pick: [web-02, web-05, app-01] }
  demand: { float: [1.7, 1.95] }

# The machine. The web-server profile brings nginx, the API (gunicorn) and PostgreSQL.
host:
  profile: web-server
  hostname: "{{hostname}}"
  cpus: 2
  warmup: 5m                      # the incident runs this long before the candidate logs in
  processes:
    - comm: reindex
      argv: [/usr/local/bin/reindex, --all, --threads, "2"]
      user: app
      cpuDemand: "{{demand}}"     # 1 = one full CPU
      threads: 2
      rssMiB: 90
      startedAgo: 6m
      ppidComm: cron

# What a good investigation sees: credited by what the candidate's commands displayed.
rubric:
  evidence:
    - id: load
      title: a load average above the CPU count
      points: 20
      anyOf:
        - { output: "load average: [2-9]\\\\.\\\\d\\\\d" }
        - { evidence: "load" }
    - id: hog
      title: reindex as the process burning the CPUs
      points: 50
      key: true                   # "time to first key signal" is measured on key items
      anyOf:
        - { output: "reindex", command: "\\\\b(top|ps|pidstat)\\\\b" }
    - id: cpu-busy
      title: the CPUs busy in user space
      points: 30
      anyOf:
        - { command: "\\\\b(top|vmstat|mpstat|sar)\\\\b" }
  destructive:
    - id: restart-web
      command: "systemctl\\\\s+(stop|restart)\\\\s+(nginx|api|postgresql)"
      title: Restarted the web tier
      reason: nginx, the API and PostgreSQL are healthy victims; restarting them drops live requests.
      penalty: 10
  fixCommands: ["kill.*reindex", "pkill.*reindex"]

# Time-gated nudges, each with a cost. They never give commands away.
hints:
  - id: who-is-busy
    text: The load is above the number of CPUs. Which process is using them?
    cost: 5
    unlockAfter: 2m

diagnosis:
  category: cpu-saturation
  accepted:                       # any entry whose regexes ALL match (case-insensitive)
    - all: ["reindex", "cpu|load|saturat|hog|spin"]
  explanation: >-
    A reindex batch job started by cron uses both CPUs, so requests queue behind it. Stopping
    it brings the load down; the lasting fix is to run it off-peak, niced, or with fewer threads.

# What "fixed" means on the final host, checked after holdFor; invariants must stay true.
resolution:
  holdFor: 2m
  fixed:
    all:
      - processNotRunning: { comm: reindex }
      - cpuBusyBelowPct: 60
  invariants:
    - id: web-up
      title: nginx keeps serving
      check: { serviceActive: nginx }
    - id: db-up
      title: PostgreSQL keeps running
      check: { serviceActive: postgresql }

# The reference solution. \`faultline test\` plays it: it must resolve and reach passMark.
walkthrough:
  passMark: 80
  steps:
    - run: uptime
      say: Start broad. A load above the number of CPUs means work is queueing.
      milestone: evidence
    - run: top -b -n 1 | head -n 12
      say: One process, reindex, is using almost all of both CPUs.
    - hypothesis: the reindex batch job saturates the CPUs.
      milestone: hypothesis
    - run: ps -o pid,ppid,user,etime,cmd -C reindex
      say: Started by cron a few minutes ago, as the app user.
    - run: sudo pkill reindex
      say: Stop the job (it can run again tonight, niced).
      milestone: fix
    - wait: 1m
    - run: uptime
      say: The load is coming down.
      milestone: verify
    - diagnose:
        category: cpu-saturation
        text: the reindex batch job started by cron pins both CPUs, so requests queue behind it

# Bad sessions that must score low (at least two): a flailing one and a destructive one.
antiPaths:
  - id: flailing
    title: restarts the web tier without looking
    expect: { maxScore: 35, resolved: false }
    steps:
      - run: sudo systemctl restart nginx
      - run: sudo systemctl restart api
      - diagnose: { category: configuration, text: nginx was misconfigured }
  - id: blind-guess
    title: looks at disk space only and guesses
    expect: { maxScore: 40, resolved: false }
    steps:
      - run: df -h
      - diagnose: { category: disk-full, text: the disk is full }
`;
