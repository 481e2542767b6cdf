/**
 * The built-in demo host: "web-01", a 2-vCPU Debian 12 web server running nginx, a Python
 * API and PostgreSQL, with one slow memory leak in the API. Used by `faultline play` and the
 * golden tests until a scenario is named, and as the reference host for tool fidelity.
 */
import type { HostSpec } from "./host/spec.js";
import { epochMsFromCivil } from "./time/calendar.js";

export function demoHostSpec(seed = 42): HostSpec {
  const uptimeMs = (2 * 86400 + 3 * 3600 + 17 * 60 + 12) * 1000;
  const nowEpoch = epochMsFromCivil(2026, 11, 22, 9, 14, 3);
  return {
    hostname: "web-01",
    bootEpochMs: nowEpoch - uptimeMs,
    uptimeMs,
    seed,
    cpus: 2,
    memKiB: 4025220,
    swapKiB: 0,
    cacheKiB: 1200000,
    disks: [{ name: "vda", sizeBytes: 32 * 1024 ** 3, partitions: [{ name: "vda1", minor: 1, sizeBytes: 31 * 1024 ** 3, mountpoint: "/" }, { name: "vda14", minor: 14, sizeBytes: 3 * 1024 ** 2 }, { name: "vda15", minor: 15, sizeBytes: 124 * 1024 ** 2, mountpoint: "/boot/efi" }] }],
    mounts: [
      { source: "/dev/vda1", target: "/", fstype: "ext4", device: "vda", sizeKiB: 31811408, usedKiB: 6204112, inodes: 2031616, inodesUsed: 112004 },
      { source: "/dev/vda15", target: "/boot/efi", fstype: "vfat", options: "rw,relatime,fmask=0022,dmask=0022,codepage=437,iocharset=ascii,shortname=mixed,utf8,errors=remount-ro", device: "vda", sizeKiB: 126678, usedKiB: 10900, inodes: 0 },
      { source: "tmpfs", target: "/run", fstype: "tmpfs", options: "rw,nosuid,nodev,noexec,relatime,size=402524k,mode=755", sizeKiB: 402524, usedKiB: 612, inodes: 503152, inodesUsed: 730 },
      { source: "tmpfs", target: "/dev/shm", fstype: "tmpfs", options: "rw,nosuid,nodev", sizeKiB: 2012608, usedKiB: 0, inodes: 503152, inodesUsed: 1 },
      { source: "tmpfs", target: "/run/lock", fstype: "tmpfs", options: "rw,nosuid,nodev,noexec,relatime,size=5120k", sizeKiB: 5120, usedKiB: 0, inodes: 503152, inodesUsed: 3 },
    ],
    users: [{ name: "sre", uid: 1000, groups: ["sudo", "adm", "systemd-journal"] }],
    login: { user: "sre", from: "10.0.2.31" },
    services: [
      {
        name: "nginx",
        description: "A high performance web server and a reverse proxy server",
        restart: "on-failure",
        template: {
          comm: "nginx",
          argv: ["nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"],
          user: "root",
          rssKiB: 2400,
          vszKiB: 55300,
          shrKiB: 1300,
          onHup: "reload",
          onTerm: "exit",
          listen: [{ port: 80 }, { port: 80, addr: "[::]" }],
          fds: [{ fd: 2, path: "/var/log/nginx/error.log", mode: "w" }, { fd: 4, path: "/var/log/nginx/access.log", mode: "w" }],
          children: [
            { comm: "nginx", argv: ["nginx: worker process"], user: "www-data", rssKiB: 5600, vszKiB: 55900, shrKiB: 3600, cpuDemand: 0.02, onHup: "reload", wchan: "do_epoll_wait", fds: [{ fd: 2, path: "/var/log/nginx/error.log", mode: "w" }, { fd: 4, path: "/var/log/nginx/access.log", mode: "w", growBps: 400 }] },
            { comm: "nginx", argv: ["nginx: worker process"], user: "www-data", rssKiB: 5500, vszKiB: 55900, shrKiB: 3600, cpuDemand: 0.02, onHup: "reload", wchan: "do_epoll_wait", fds: [{ fd: 2, path: "/var/log/nginx/error.log", mode: "w" }, { fd: 4, path: "/var/log/nginx/access.log", mode: "w", growBps: 400 }] },
          ],
        },
      },
      {
        name: "api",
        description: "Orders API (gunicorn)",
        restart: "always",
        restartSec: 3,
        template: { comm: "gunicorn", argv: ["/usr/bin/python3", "/usr/local/bin/gunicorn", "--workers", "2", "--bind", "127.0.0.1:8000", "orders.wsgi"], user: "app", rssKiB: 41000, vszKiB: 98000, shrKiB: 11000, cpuDemand: 0.03, listen: [{ port: 8000, addr: "127.0.0.1" }], children: [
          { comm: "gunicorn", argv: ["/usr/bin/python3", "/usr/local/bin/gunicorn", "--workers", "2", "--bind", "127.0.0.1:8000", "orders.wsgi"], user: "app", rssKiB: 182000, vszKiB: 420000, shrKiB: 12000, cpuDemand: 0.06, rssGrowKiBps: 0 },
          { comm: "gunicorn", argv: ["/usr/bin/python3", "/usr/local/bin/gunicorn", "--workers", "2", "--bind", "127.0.0.1:8000", "orders.wsgi"], user: "app", rssKiB: 176000, vszKiB: 420000, shrKiB: 12000, cpuDemand: 0.05 },
        ] },
      },
      {
        name: "postgresql",
        description: "PostgreSQL RDBMS",
        template: { comm: "postgres", argv: ["/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/15/main", "-c", "config_file=/etc/postgresql/15/main/postgresql.conf"], user: "postgres", rssKiB: 30000, vszKiB: 217000, shrKiB: 28000, oomScoreAdj: -900, listen: [{ port: 5432, addr: "127.0.0.1", backlog: 244 }], children: [
          { comm: "postgres", argv: ["postgres: 15/main: checkpointer "], user: "postgres", rssKiB: 8000, vszKiB: 217100, shrKiB: 7000 },
          { comm: "postgres", argv: ["postgres: 15/main: background writer "], user: "postgres", rssKiB: 6000, vszKiB: 217100, shrKiB: 5000 },
          { comm: "postgres", argv: ["postgres: 15/main: walwriter "], user: "postgres", rssKiB: 10000, vszKiB: 217100, shrKiB: 9000 },
          { comm: "postgres", argv: ["postgres: 15/main: autovacuum launcher "], user: "postgres", rssKiB: 8000, vszKiB: 218600, shrKiB: 6000 },
        ] },
      },
    ],
    files: [
      { path: "/etc/nginx/nginx.conf", content: "user www-data;\nworker_processes auto;\npid /run/nginx.pid;\nerror_log /var/log/nginx/error.log;\ninclude /etc/nginx/modules-enabled/*.conf;\n\nevents {\n\tworker_connections 768;\n}\n\nhttp {\n\tsendfile on;\n\ttcp_nopush on;\n\ttypes_hash_max_size 2048;\n\tinclude /etc/nginx/mime.types;\n\tdefault_type application/octet-stream;\n\taccess_log /var/log/nginx/access.log;\n\tgzip on;\n\tinclude /etc/nginx/conf.d/*.conf;\n\tinclude /etc/nginx/sites-enabled/*;\n}\n" },
      { path: "/etc/nginx/sites-enabled/orders", content: "upstream orders_api {\n\tserver 127.0.0.1:8000;\n\tkeepalive 16;\n}\n\nserver {\n\tlisten 80 default_server;\n\tlisten [::]:80 default_server;\n\tserver_name orders.example.com;\n\n\tlocation /api/ {\n\t\tproxy_pass http://orders_api;\n\t\tproxy_read_timeout 30s;\n\t}\n\n\tlocation / {\n\t\troot /var/www/html;\n\t}\n}\n" },
      { path: "/var/log/nginx/access.log", content: "", owner: "www-data", group: "adm", mode: 0o640, sizeBytes: 48213355 },
      { path: "/var/log/nginx/error.log", content: "", owner: "www-data", group: "adm", mode: 0o640 },
      { path: "/var/www/html/index.html", content: "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n" },
      { path: "/etc/orders/settings.ini", content: "[server]\nworkers = 2\nbind = 127.0.0.1:8000\n\n[database]\nhost = 127.0.0.1\nport = 5432\npool_size = 20\n" },
    ],
    net: { ip: "10.0.2.15", nameservers: ["10.0.2.3"], endpoints: [{ host: "10.0.2.3", addr: "10.0.2.3", rttMs: 0.6, dns: "ok" }, { host: "deb.debian.org", addr: "151.101.2.132", rttMs: 11.8, external: true, http: { status: 200, body: "" } }], dnsRecords: { "deb.debian.org": ["151.101.2.132"], "orders.example.com": ["10.0.2.15"] } },
    kmsg: [
      { atS: 0, level: 5, text: "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)" },
      { atS: 0, level: 6, text: "Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=3b1f1c2e-7c4a-4f3e-9d0a-2a51e0c3b8d1 ro console=tty0 console=ttyS0,115200" },
      { atS: 1.204511, level: 6, text: "EXT4-fs (vda1): mounted filesystem 3b1f1c2e-7c4a-4f3e-9d0a-2a51e0c3b8d1 with ordered data mode. Quota mode: none." },
      { atS: 3.118202, level: 6, text: "virtio_net virtio1 eth0: link up" },
    ],
    faults: [],
  };
}
