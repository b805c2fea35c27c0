//! An in-process mock of the Chime `CreateRoom` API on loopback, for the
//! example and for users' tests (feature `test-util`).
//!
//! It behaves as the API reference describes: it checks the request (path,
//! JSON body, required `Name`, `ClientRequestToken` length and characters),
//! answers `201` with a `Room`, treats the token as idempotent (the same
//! token returns the same room) and reports errors the way Chime does
//! (`x-amzn-ErrorType` header, `{"Code", "Message"}` body). It does not
//! verify signatures.

use crate::primitives::{DateTime, DateTimeFormat};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;
use tokio::sync::oneshot;

/// A request as the mock received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path and query.
    pub uri: String,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

#[derive(Default)]
struct State {
    /// Requests still to answer with 503 after processing them, as if the
    /// response were lost on the way back.
    failing: usize,
    requests: Vec<RecordedRequest>,
    /// Rooms by (account, token).
    rooms: HashMap<(String, String), Value>,
    created: u64,
}

/// A running mock server; it stops when dropped.
pub struct MockChime {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    _stop: oneshot::Sender<()>,
}

impl MockChime {
    /// Starts the server on `127.0.0.1` with a free port.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_failing_first(0).await
    }

    /// Like [`MockChime::start`], but the first `n` requests are processed
    /// (a room is created) and then answered with 503, as if the response
    /// had been lost: a test of retries against the idempotency token.
    pub async fn start_failing_first(n: usize) -> std::io::Result<Self> {
        // A deep accept queue, so that thousands of clients connecting at
        // once are queued rather than dropped (the kernel caps it at
        // net.core.somaxconn).
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let listener = socket.listen(8192)?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            failing: n,
            ..State::default()
        }));
        let (stop, mut stopped) = oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => accepted,
                };
                let Ok((stream, _)) = accepted else { continue };
                let state = served.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| handle(state.clone(), req));
                    // A connection error only ends that connection.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self {
            addr,
            state,
            _stop: stop,
        })
    }

    /// The URL to configure as the client's `endpoint_url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// How many distinct rooms were created.
    pub fn rooms_created(&self) -> u64 {
        self.lock().created
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for MockChime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockChime")
            .field("addr", &self.addr)
            .finish()
    }
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let method = req.method().to_string();
    let uri = req.uri().to_string();
    let path = req.uri().path().to_owned();
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = req.into_body().collect().await?.to_bytes();
    let body_text = String::from_utf8_lossy(&body).into_owned();
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    state.requests.push(RecordedRequest {
        method: method.clone(),
        uri,
        headers,
        body: body_text,
    });
    let response = create_room(&mut state, &method, &path, &body);
    if state.failing > 0 {
        state.failing -= 1;
        return Ok(error(
            503,
            "ServiceUnavailableException",
            "ServiceUnavailable",
            "the response was lost",
        ));
    }
    Ok(response)
}

fn create_room(state: &mut State, method: &str, path: &str, body: &[u8]) -> Response<Full<Bytes>> {
    let account = path
        .strip_prefix("/accounts/")
        .and_then(|rest| rest.strip_suffix("/rooms"))
        .filter(|a| !a.is_empty() && !a.contains('/'));
    let (Some(account), "POST") = (account, method) else {
        return error(404, "NotFoundException", "NotFound", "no such resource");
    };
    let account = percent_encoding::percent_decode_str(account)
        .decode_utf8_lossy()
        .into_owned();
    let Ok(input) = serde_json::from_slice::<Value>(body) else {
        return error(
            400,
            "BadRequestException",
            "BadRequest",
            "the body is not JSON",
        );
    };
    let name = input
        .get("Name")
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty());
    let Some(name) = name else {
        return error(400, "BadRequestException", "BadRequest", "Name is required");
    };
    let token = input
        .get("ClientRequestToken")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let token_ok = (2..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !token_ok {
        return error(
            400,
            "BadRequestException",
            "BadRequest",
            "ClientRequestToken is invalid",
        );
    }
    let key = (account.clone(), token.to_owned());
    let room = match state.rooms.get(&key) {
        Some(room) => room.clone(),
        None => {
            state.created += 1;
            let n = state.created;
            let now = DateTime::from(SystemTime::now())
                .fmt(DateTimeFormat::DateTime)
                .unwrap_or_default();
            let room = json!({
                "RoomId": format!("{n:08x}-0000-4000-8000-{n:012x}"),
                "Name": name,
                "AccountId": account,
                "CreatedBy": "arn:aws:iam::111122223333:user/mock",
                "CreatedTimestamp": now,
                "UpdatedTimestamp": now,
            });
            state.rooms.insert(key, room.clone());
            room
        }
    };
    respond(201, &[], json!({ "Room": room }))
}

fn error(status: u16, kind: &str, code: &str, message: &str) -> Response<Full<Bytes>> {
    respond(
        status,
        &[("x-amzn-errortype", kind)],
        json!({ "Code": code, "Message": message }),
    )
}

fn respond(status: u16, headers: &[(&str, &str)], body: Value) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let h = response.headers_mut();
    h.insert(
        "content-type",
        hyper::header::HeaderValue::from_static("application/json"),
    );
    h.insert(
        "x-amzn-requestid",
        hyper::header::HeaderValue::from_static("mock-request-id"),
    );
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (
            hyper::header::HeaderName::try_from(*k),
            hyper::header::HeaderValue::try_from(*v),
        ) {
            h.insert(k, v);
        }
    }
    response
}
