#!/usr/bin/env python3
"""Runs every benchmark of chime-sdk against aws-sdk-chime and writes BENCHMARKS.md.

    python3 bench/run.py [--quick]

Needs the Rust toolchain and ../shared (for the full-model figures). Uses
CARGO_TARGET_DIR if set (a separate directory for the bench workspace).
"""
import os, re, shlex, shutil, statistics, subprocess, sys, tempfile, time, platform

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
QUICK = "--quick" in sys.argv
RUNS = 2 if QUICK else 5
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BENCH_TARGET = os.path.join(TARGET, "bench")


def sh(cmd, cwd=ROOT, env=None, check=True):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run(cmd, cwd=cwd, env=e, shell=True, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"failed: {cmd}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r


# Runs a command in a fresh Python process and prints that process's
# children's rusage: CPU time and the peak RSS of the largest descendant
# waited for (each rustc under cargo). No /usr/bin/time needed.
RUSAGE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "c = subprocess.run(sys.argv[1], shell=True).returncode; w = time.perf_counter() - t; "
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print('TIME', w, r.ru_utime + r.ru_stime, r.ru_maxrss, file=sys.stderr); sys.exit(c)"
)


def timed(cmd, cwd=ROOT, env=None):
    """Wall seconds, CPU seconds, peak RSS MiB of one command."""
    r = sh(f"{sys.executable} -c {shlex.quote(RUSAGE)} {shlex.quote(cmd)}", cwd=cwd, env=env)
    m = re.findall(r"TIME ([\d.]+) ([\d.]+) (\d+)", r.stderr)[-1]
    return float(m[0]), float(m[1]), int(m[2]) / 1024


def mmm(values, fmt="{:.3g}"):
    values = sorted(values)
    return " / ".join(fmt.format(v) for v in (values[0], statistics.median(values), values[-1]))


def write_plot(path, points):
    """Generation time against model size as a small SVG line chart (no
    plotting library needed on a fresh machine)."""
    W, H, L, B = 560, 340, 70, 50
    xmax = max(p[0] for p in points) * 1.1
    ymax = max(p[1] for p in points) * 1.15
    X = lambda v: L + v / xmax * (W - L - 20)
    Y = lambda v: H - B - v / ymax * (H - B - 20)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
             f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<line x1="{L}" y1="{H - B}" x2="{W - 10}" y2="{H - B}" stroke="black"/>',
             f'<line x1="{L}" y1="{H - B}" x2="{L}" y2="10" stroke="black"/>',
             f'<text x="{(W + L) / 2}" y="{H - 12}" text-anchor="middle">model size (KiB)</text>',
             f'<text x="16" y="{(H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 {(H - B) / 2})">generation time, release (ms)</text>']
    for i in range(5):
        xv, yv = xmax * i / 4, ymax * i / 4
        parts.append(f'<text x="{X(xv)}" y="{H - B + 16}" text-anchor="middle">{xv:.0f}</text>')
        parts.append(f'<text x="{L - 6}" y="{Y(yv) + 4}" text-anchor="end">{yv:.0f}</text>')
        parts.append(f'<line x1="{L}" y1="{Y(yv)}" x2="{W - 10}" y2="{Y(yv)}" stroke="#ddd"/>')
    pts = sorted(points)
    parts.append('<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="'
                 + " ".join(f"{X(p[0]):.1f},{Y(p[1]):.1f}" for p in pts) + '"/>')
    for p in pts:
        parts.append(f'<circle cx="{X(p[0]):.1f}" cy="{Y(p[1]):.1f}" r="4" fill="#1f77b4"/>')
        parts.append(f'<text x="{X(p[0]) + 6:.1f}" y="{Y(p[1]) - 8:.1f}">{p[1]:.0f} ms, {p[2]} lines</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


out = []
def w(line=""):
    out.append(line)
    print(line, flush=True)


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
w("# Benchmarks: chime-sdk and aws-sdk-chime")
w()
w(f"Machine: {os.cpu_count()} cores ({cpu}), {round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB; "
  f"{sh('rustc --version').stdout.strip()}; {time.strftime('%Y-%m-%d')}.")
w(f"Command: `python3 bench/run.py` ({RUNS} runs where a figure says min / median / max).")
w("Both SDKs share the smithy-rs runtime; they are configured alike (static credentials, us-east-1, endpoint URL, standard retries).")
w()

# 1. Generation.
sh("cargo build --release -p sdkgen", env={"CARGO_TARGET_DIR": TARGET})
sdkgen = os.path.join(TARGET, "release", "sdkgen")
models = [("model/chime.json", "CreateRoom model"),
          ("../shared/models/chime-2018-05-01.json", "official Chime model (62 ops)"),
          ("../shared/models/legacy/chime-smithy-rs-2022-03.json", "legacy Chime model (190 ops)")]
w("## 1. Generation (model file to formatted Rust, release sdkgen)")
w()
w("| model | size (KiB) | generated lines | wall time (ms) min / median / max | CPU time (ms) min / median / max |")
w("|---|---|---|---|---|")
gen_points = []
for path, label in models:
    full = os.path.join(ROOT, path)
    if not os.path.exists(full):
        w(f"| {label} | absent | | |")
        continue
    times, cpus = [], []
    for _ in range(RUNS):
        # Wall time to the microsecond;
        # CPU time from the child's rusage (formatting runs on every core).
        before = os.times()
        t0 = time.perf_counter()
        sh(f"{sdkgen} generate --model {full} --out /tmp/bench-gen")
        times.append((time.perf_counter() - t0) * 1000)
        after = os.times()
        cpus.append((after.children_user + after.children_system - before.children_user - before.children_system) * 1000)
    lines = sum(1 for _ in open("/tmp/bench-gen/src/lib.rs"))
    size = os.path.getsize(full) / 1024
    gen_points.append((size, statistics.median(times), lines))
    w(f"| {label} | {size:.0f} | {lines} | {mmm(times)} | {mmm(cpus)} |")
if len(gen_points) > 1:
    write_plot(os.path.join(BENCH, "generation.svg"), gen_points)
    w()
    w("![Generation time against model size](bench/generation.svg)")
sh("cargo build -p chime-sdk", env={"CARGO_TARGET_DIR": TARGET})
build_script = sorted(
    (os.path.join(d, "build-script-build") for d in
     (os.path.join(TARGET, "debug", "build", x) for x in os.listdir(os.path.join(TARGET, "debug", "build")) if re.fullmatch(r"chime-sdk-[0-9a-f]{16}", x))
     if os.path.exists(os.path.join(d, "build-script-build"))),
    key=os.path.getmtime)
if build_script:
    os.makedirs("/tmp/bench-bs", exist_ok=True)
    times = [timed(build_script[-1], env={"OUT_DIR": "/tmp/bench-bs"})[0] * 1000 for _ in range(RUNS)]
    w()
    w(f"Build script (dev profile, model/chime.json): {mmm(times)} ms (goal ≤ 1000 ms: {'met' if statistics.median(times) <= 1000 else 'missed'}).")
w()

# 2. Request path (criterion).
w("## 2. Request path (criterion, in-memory HTTP client)")
w()
r = sh("cargo bench --bench request_path -- --noplot", cwd=BENCH, env={"CARGO_TARGET_DIR": BENCH_TARGET})
w("| benchmark | time (lower / estimate / upper) |")
w("|---|---|")
est = {}
for name, lo, mid, hi in re.findall(r"^(\S+)\s+time:\s+\[(\S+ \S+) (\S+ \S+) (\S+ \S+)\]", r.stdout, re.M):
    w(f"| {name} | {lo} / {mid} / {hi} |")
    v, unit = mid.split()
    est[name] = float(v) * {"ns": 1e-3, "µs": 1, "us": 1, "ms": 1e3}.get(unit, 1)
for call in ("call_201", "call_400"):
    if f"ours/{call}" in est and f"aws/{call}" in est:
        w(f"| ratio ours/aws {call} | {est[f'ours/{call}'] / est[f'aws/{call}']:.2f}× |")
w()

# 3. End to end.
w("## 3. End to end on loopback (2000 calls a run; concurrent = 64 in flight)")
w()
sh("cargo build --release -p chime-sdk-bench --bins", cwd=BENCH, env={"CARGO_TARGET_DIR": BENCH_TARGET})
r = sh(f"{os.path.join(BENCH_TARGET, 'release', 'e2e')} {RUNS}", env={"NO_PROXY": "127.0.0.1"})
rows = {}
for sdk, mode, fails, tput, cpu_call, client_call in re.findall(
        r"sdk=(\w+) mode=(\w+) calls=\d+ failures=(\d+) calls_per_s=(\d+) cpu_us_per_call=([\d.]+) client_cpu_us_per_call=([\d.]+)", r.stdout):
    rows.setdefault((sdk, mode), []).append((int(fails), float(tput), float(cpu_call), float(client_call)))
w("| SDK | mode | calls/s min / median / max | client CPU per call (µs) min / median / max | process CPU per call (µs) min / median / max | failures |")
w("|---|---|---|---|---|---|")
for (sdk, mode), v in sorted(rows.items()):
    w(f"| {sdk} | {mode} | {mmm([x[1] for x in v], '{:.0f}')} | {mmm([x[3] for x in v], '{:.1f}')} | {mmm([x[2] for x in v], '{:.1f}')} | {sum(x[0] for x in v)} |")
goals = []
for mode in ("sequential", "concurrent"):
    if ("ours", mode) in rows and ("aws", mode) in rows:
        med = lambda sdk, i: statistics.median(x[i] for x in rows[(sdk, mode)])
        t = med("ours", 1) / med("aws", 1)
        c = med("ours", 3) / med("aws", 3)
        p = med("ours", 2) / med("aws", 2)
        w(f"| ratio ours/aws | {mode} | throughput {t:.2f}× | client CPU per call {c:.2f}× | process CPU per call {p:.2f}× | |")
        goals.append((f"throughput ≥ 1.0× ({mode})", t, t >= 1.0))
        goals.append((f"client CPU per call ≤ 0.8× ({mode})", c, c <= 0.8))
w()
w("The mock server runs in the same process on a thread and runtime of its own; client CPU is the "
  "process's CPU time less that thread's (`CLOCK_THREAD_CPUTIME_ID`), process CPU includes it.")
w()

# Instructions per call: callgrind counts instructions, not time, so the
# figure repeats whatever else the machine does. Two runs of different
# lengths per SDK; the difference divided by the extra calls leaves out
# start-up and warm-up. Valgrind numbers threads in creation order: 1 is
# main (the client's block_on), 2 the mock server's thread, which is left
# out; the rest are the client runtime's workers and blocking threads.
if shutil.which("valgrind"):
    e2e = os.path.join(BENCH_TARGET, "release", "e2e")
    cg_dir = tempfile.mkdtemp(prefix="bench-callgrind-")
    def client_instructions(sdk, n):
        prefix = os.path.join(cg_dir, f"{sdk}-{n}")
        sh(f"valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file={prefix}.%p {e2e} instructions {sdk} {n}",
           env={"NO_PROXY": "127.0.0.1"})
        total = 0
        for name in os.listdir(cg_dir):
            m = re.match(re.escape(f"{sdk}-{n}.") + r"\d+-(\d+)$", name)
            if m and int(m.group(1)) != 2:
                text = open(os.path.join(cg_dir, name)).read()
                total += int(re.search(r"^(?:summary|totals): (\d+)", text, re.M).group(1))
        return total
    per_call = {}
    for sdk in ("ours", "aws"):
        per_call[sdk] = (client_instructions(sdk, 300) - client_instructions(sdk, 100)) / 200
    shutil.rmtree(cg_dir, ignore_errors=True)
    ratio = per_call["ours"] / per_call["aws"]
    w(f"Client instructions per sequential call (valgrind --tool=callgrind, server thread excluded): "
      f"ours {per_call['ours'] / 1000:.0f}k, aws-sdk-chime {per_call['aws'] / 1000:.0f}k, ratio {ratio:.2f}×.")
    goals.append(("client instructions per call ≤ 0.8× (sequential)", ratio, ratio <= 0.8))
else:
    w("Instructions per call: valgrind is not installed here.")
w()

# 4. Build cost and binary size.
w("## 4. Build cost (the SDK crate alone, release, dependencies already built) and binary size")
w()
w("| crate | wall (s) min / median / max | CPU (s) min / median / max | peak RSS (MiB) min / median / max |")
w("|---|---|---|---|")
build = {}
# Our crates are rebuilt alone by touching their source (a `cargo clean -p`
# in the workspace also drops dependencies built with other feature sets);
# aws-sdk-chime, a registry crate, by `cargo clean -p` in the bench workspace.
for crate, cwd, target, label, touch in [("chime-sdk", ROOT, TARGET, "ours, CreateRoom only", "src/lib.rs"),
                                         ("chime-sdk-full", ROOT, TARGET, "ours, 62 operations", "sdks/chime-full/src/lib.rs"),
                                         ("aws-sdk-chime", BENCH, BENCH_TARGET, "aws-sdk-chime", None)]:
    env = {"CARGO_TARGET_DIR": target}
    sh(f"cargo build --release -p {crate}", cwd=cwd, env=env)
    samples = []
    for _ in range(max(2, RUNS // 2)):
        if touch:
            os.utime(os.path.join(ROOT, touch))
        else:
            sh(f"cargo clean --release -p {crate}", cwd=cwd, env=env)
        samples.append(timed(f"cargo build --release -p {crate}", cwd=cwd, env=env))
    build[crate] = samples
    w(f"| {label} | {mmm([s[0] for s in samples])} | {mmm([s[1] for s in samples])} | {mmm([s[2] for s in samples], '{:.0f}')} |")
aws_cpu = statistics.median(s[1] for s in build["aws-sdk-chime"])
aws_mem = statistics.median(s[2] for s in build["aws-sdk-chime"])
ours_cpu = statistics.median(s[1] for s in build["chime-sdk"])
full_cpu = statistics.median(s[1] for s in build["chime-sdk-full"])
ours_mem = statistics.median(s[2] for s in build["chime-sdk"])
w(f"| ratio, CreateRoom only / aws | | {ours_cpu / aws_cpu:.2f}× | {ours_mem / aws_mem:.2f}× |")
w(f"| ratio, 62 operations / aws | | {full_cpu / aws_cpu:.2f}× | |")
goals.append(("build CPU ≤ 0.1× (CreateRoom only)", ours_cpu / aws_cpu, ours_cpu / aws_cpu <= 0.1))
goals.append(("build CPU ≤ 0.7× (62 operations)", full_cpu / aws_cpu, full_cpu / aws_cpu <= 0.7))
goals.append(("build peak memory ≤ 0.5× (CreateRoom only)", ours_mem / aws_mem, ours_mem / aws_mem <= 0.5))
sizes = {}
for package, binary in (("min-ours", "min_ours"), ("min-aws", "min_aws")):
    # One package a build: features must not unify across the two SDKs.
    sh(f"cargo build --release -p {package}", cwd=BENCH, env={"CARGO_TARGET_DIR": BENCH_TARGET})
    sizes[binary] = os.path.getsize(os.path.join(BENCH_TARGET, "release", binary))
w()
w(f"Stripped minimal binary calling create_room (each SDK's default HTTPS client, hyper and rustls with the system's roots: "
  f"on ring for ours, on aws-lc-rs for aws-sdk-chime; tokio current-thread; each built alone): "
  f"ours {sizes['min_ours'] / 2**20:.2f} MiB, aws-sdk-chime {sizes['min_aws'] / 2**20:.2f} MiB, "
  f"ratio {sizes['min_ours'] / sizes['min_aws']:.2f}×.")
goals.append(("binary size ≤ 0.6×", sizes["min_ours"] / sizes["min_aws"], sizes["min_ours"] / sizes["min_aws"] <= 0.6))
w()

w("## Goals")
w()
w("| goal | figure | met |")
w("|---|---|---|")
if gen_points:
    off = [p for p in gen_points if 200 < p[0] < 400]
    if off:
        goals.insert(0, ("official model generation ≤ 50 ms (release)", off[0][1], off[0][1] <= 50))
for name, value, met in goals:
    w(f"| {name} | {value:.2f} | {'yes' if met else 'no'} |")
w()
w("Generation time against model size (KiB → ms, median): " + ", ".join(f"{p[0]:.0f} → {p[1]:.0f}" for p in gen_points) + ".")

history = os.path.join(BENCH, "history.md")
if os.path.exists(history):
    w()
    out.extend(open(history).read().rstrip().splitlines())

with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
    f.write("\n".join(out) + "\n")
print("wrote BENCHMARKS.md")
