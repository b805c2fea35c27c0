//! The drop-in programs' harness: a `moto_server` of its own on a free
//! loopback port, reset between runs, and the transcripts the programs
//! write.
//!
//! Each program in `dropin/scenarios/` is written as a user of the real
//! `aws-sdk-*` crate writes it and is compiled twice by `tests/moto.rs`:
//! once against the real crate and once against the crate sdkgen generates
//! from the same service model (`dropin/sdks/*`), with only the crate name
//! changed. Both runs talk to the same moto server, each on a fresh state,
//! and must pass every step and write the same transcript.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// One step of a program: its name, and what it observed (the same text
/// for both SDKs) or why it failed.
pub type Step = (&'static str, Result<String, String>);

/// Set to `1` (as CI does) to fail rather than skip where no moto server
/// can be found.
pub const REQUIRE_ENV: &str = "CHIME_SDK_REQUIRE_MOTO";
/// The path of `moto_server`; without it, `moto_server` on `PATH`.
pub const SERVER_ENV: &str = "MOTO_SERVER";

/// The `moto_server` to start: `$MOTO_SERVER`, else `moto_server` found on
/// `PATH`; `None` where there is neither.
pub fn server_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(SERVER_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("moto_server"))
        .find(|candidate| candidate.is_file())
}

/// A `moto_server` process on `127.0.0.1`, ended when dropped.
#[derive(Debug)]
pub struct Moto {
    child: Child,
    port: u16,
}

/// Why a moto server could not be had.
#[derive(Debug)]
pub enum StartError {
    /// No `moto_server` was found and none is required: the caller skips.
    Absent,
    /// A server was found (or is required) but did not start.
    Failed(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Absent => write!(
                f,
                "no moto_server (set {SERVER_ENV} or put moto_server on PATH: pip install 'moto[server]')"
            ),
            StartError::Failed(why) => f.write_str(why),
        }
    }
}

impl Moto {
    /// Starts `moto_server` on a free loopback port and returns once it
    /// says it listens. Where there is no `moto_server` this is
    /// [`StartError::Absent`] unless `CHIME_SDK_REQUIRE_MOTO=1`, which makes
    /// it a failure.
    pub fn start() -> Result<Moto, StartError> {
        let required = std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1");
        let Some(path) = server_path() else {
            return Err(if required {
                StartError::Failed(format!("{REQUIRE_ENV}=1 but {}", StartError::Absent))
            } else {
                StartError::Absent
            });
        };
        // moto_server binds the port itself: take a free one from the OS
        // and hand it over (nothing else on loopback races for it here).
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| StartError::Failed(format!("no free loopback port: {e}")))?
            .port();
        let mut child = Command::new(&path)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| StartError::Failed(format!("cannot start {}: {e}", path.display())))?;
        // The server announces itself on stderr ("Running on
        // http://127.0.0.1:PORT") once it listens: wait for that line, then
        // keep draining stderr so a full pipe never stalls it.
        let Some(stderr) = child.stderr.take() else {
            let _ = child.kill();
            return Err(StartError::Failed("moto_server has no stderr".into()));
        };
        let mut lines = BufReader::new(stderr).lines();
        let mut seen = Vec::new();
        let announced = format!("127.0.0.1:{port}");
        loop {
            match lines.next() {
                Some(Ok(line)) => {
                    let up = line.contains("Running on") && line.contains(&announced);
                    seen.push(line);
                    if up {
                        break;
                    }
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(StartError::Failed(format!(
                        "{} exited before listening on {announced}:\n{}",
                        path.display(),
                        seen.join("\n")
                    )));
                }
            }
        }
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Ok(Moto { child, port })
    }

    /// `http://127.0.0.1:PORT`, for `endpoint_url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Drops every resource of every service: `POST /moto-api/reset`.
    ///
    /// One bodiless request to a loopback server on a connection of its
    /// own; written on `std::net` because the SDK clients under test are
    /// the only HTTP clients here and must not be the harness's.
    pub fn reset(&self) -> Result<(), String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))
            .map_err(|e| format!("cannot reach moto: {e}"))?;
        write!(
            stream,
            "POST /moto-api/reset HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        )
        .map_err(|e| format!("cannot send the reset: {e}"))?;
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .map_err(|e| format!("no answer to the reset: {e}"))?;
        let status = response.lines().next().unwrap_or_default();
        if status.split_whitespace().nth(1) == Some("200") {
            Ok(())
        } else {
            Err(format!("moto's reset answered {status:?}"))
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How many of `steps` passed, as `N of M steps`.
pub fn passed(steps: &[Step]) -> String {
    let ok = steps.iter().filter(|(_, r)| r.is_ok()).count();
    format!("{ok} of {} steps", steps.len())
}

/// The steps that failed, one a line, for an assertion message.
pub fn failures(steps: &[Step]) -> String {
    steps
        .iter()
        .filter_map(|(name, r)| r.as_ref().err().map(|e| format!("  {name}: {e}")))
        .collect::<Vec<_>>()
        .join("\n")
}
