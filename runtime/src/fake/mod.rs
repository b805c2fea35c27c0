//! An in-process fake of a service, answering on loopback as its model
//! says (feature `test-util`). A generated crate's `fake` module starts one
//! from the description the generator wrote (`fake::FakeServer::start()`);
//! this module is the part every fake shares.
//!
//! What a fake does with a request:
//!
//! * **Routing** as the protocol does: restJson1 by method and URI pattern
//!   (labels, greedy labels, query literals; the pattern with the most
//!   literal text wins), awsJson by `X-Amz-Target`. A request no operation
//!   takes gets `UnknownOperationException` (404 for restJson1, 400 for
//!   awsJson).
//! * **Reading** the input from its bindings (labels, query, headers,
//!   prefix headers, query maps, payload, JSON body; a gzip body is
//!   inflated) and **checking** it against the model: required members,
//!   `@length`, `@range`, `@pattern`, enum and int enum values (the model
//!   lists them all: a value it does not list is rejected), non-empty
//!   labels, sparse lists and maps, unions with one member set, and the
//!   types themselves. A request that fails (a body that is not JSON
//!   included) gets the operation's validation error, one message naming
//!   every violated member (never a value):
//!   1. the operation's `ValidationException`, if it has one;
//!   2. else its `BadRequestException`;
//!   3. else its first modeled error whose `@httpError` is 400 and that
//!      is not retried (not a throttling error);
//!   4. else an unmodeled `ValidationException` with status 400, as AWS
//!      services send for errors their models leave out.
//! * **Answering** with an output that satisfies the model: every member
//!   down to a depth of four structures, required ones below that (never
//!   the pagination token, so a paginator stops after one page); a member
//!   whose name is an input member's, and whose constraints the input's
//!   value meets, echoes it (`CreateRoom`'s `Room.Name` is the request's
//!   `Name`); the rest is made up within `@length` and `@range`: strings
//!   are `<Member>-<n>` (`n` counts responses), or, where a `@pattern`
//!   rejects that, a string sampled from the pattern; numbers the bound
//!   nearest 0; timestamps the time of the response; enums their first
//!   value; collections one item. A pattern with look-around or
//!   back-references cannot be sampled: such a member gets its
//!   `<Member>-<n>` text, which may not match (the client does not check
//!   outputs, so only a test checking that pattern itself sees it).
//! * **Idempotency**: a request with the same idempotency token as an
//!   earlier one of the same operation and path gets the earlier answer
//!   again.
//!
//! A test scripts an operation ([`Operation`]): a standing [`Reply`]
//! (`respond_json`, `fail`, `respond_with` a closure) or replies taken
//! once each in order ([`Operation::once`]), and reads what came in
//! ([`FakeServer::requests`], [`Operation::stats`]). A request the model
//! rejects gets the validation error whatever is scripted, except where a
//! closure answers: it sees every request, with its violations.
//!
//! Nothing a request holds makes the fake panic: a malformed request gets
//! a 400, and a closure that panics a 500.

mod model;
mod sample;
mod values;

use crate::validation::Pattern;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use model::{Binding, Model, Route, Shape, Ty};
use serde_json::{Map, Value};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::oneshot;
use values::{from_text, to_text, write, write_members, Checker, Keys, Maker};

/// The largest request body a fake reads.
const MAX_BODY: usize = 64 << 20;

/// A running fake; it stops when dropped.
pub struct FakeServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    _stop: oneshot::Sender<()>,
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("addr", &self.addr)
            .field("operations", &self.shared.cx.model.operations.len())
            .finish()
    }
}

impl FakeServer {
    /// Starts a fake of the service `description` describes (the text a
    /// generated crate's `fake` module holds) on `127.0.0.1`, on a free
    /// port. Fails where the port cannot be bound or the description is not
    /// one this runtime reads (a generated crate of another version).
    pub async fn start(description: &str) -> std::io::Result<Self> {
        let cx = Prepared::new(description)?;
        // A deep accept queue, so that thousands of clients connecting at
        // once are queued rather than refused (the kernel caps it at
        // net.core.somaxconn).
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let listener = socket.listen(8192)?;
        let addr = listener.local_addr()?;
        let ops = cx.model.operations.len();
        let shared = Arc::new(Shared {
            cx,
            state: Mutex::new(State {
                ops: (0..ops).map(|_| OpState::default()).collect(),
                ..State::default()
            }),
        });
        let (stop, mut stopped) = oneshot::channel::<()>();
        let served = shared.clone();
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => accepted,
                };
                let Ok((stream, _)) = accepted else { continue };
                let shared = served.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let shared = shared.clone();
                        async move { Ok::<_, std::convert::Infallible>(shared.serve(req).await) }
                    });
                    // A connection error only ends that connection.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(FakeServer {
            addr,
            shared,
            _stop: stop,
        })
    }

    /// The URL to configure as a client's `endpoint_url`.
    pub fn endpoint_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the fake listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// An interceptor sending every request to the fake, whatever host
    /// the endpoint and an operation's `@endpoint` host prefix name (a
    /// prefixed `home.127.0.0.1` does not resolve). A generated
    /// `FakeServer::config()` adds it where the model has host prefixes.
    pub fn interceptor(&self) -> ToFake {
        ToFake(self.addr)
    }

    /// The operation named `name` (as the model names it, `CreateRoom`).
    ///
    /// # Panics
    ///
    /// Where the service has no such operation: a mistake in the test,
    /// told at once with the names there are.
    pub fn on(&self, name: &str) -> Operation<'_> {
        match self.operation(name) {
            Some(op) => op,
            None => {
                let names: Vec<&str> = self
                    .shared
                    .cx
                    .model
                    .operations
                    .iter()
                    .map(|o| o.name.as_str())
                    .collect();
                panic!(
                    "the fake has no operation `{name}`; it has: {}",
                    names.join(", ")
                )
            }
        }
    }

    /// The operation named `name`, if the service has it.
    pub fn operation(&self, name: &str) -> Option<Operation<'_>> {
        let index = self
            .shared
            .cx
            .model
            .operations
            .iter()
            .position(|o| o.name == name)?;
        Some(Operation {
            shared: &self.shared,
            index,
        })
    }

    /// The operation at `index` in model order (generated accessors use
    /// this); `None` past the last.
    #[doc(hidden)]
    pub fn operation_at(&self, index: usize) -> Option<Operation<'_>> {
        (index < self.shared.cx.model.operations.len()).then_some(Operation {
            shared: &self.shared,
            index,
        })
    }

    /// Every request received so far, in order, those no operation took
    /// included.
    pub fn requests(&self) -> Vec<Request> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the requests, scripts, counts and idempotent answers.
    pub fn reset(&self) {
        let mut state = self.shared.lock();
        state.requests.clear();
        state.replays.clear();
        for op in &mut state.ops {
            *op = OpState::default();
        }
    }
}

/// Sends requests to a fake's address ([`FakeServer::interceptor`]): the
/// host, before signing, becomes `127.0.0.1:<port>`.
#[derive(Clone, Debug)]
pub struct ToFake(SocketAddr);

impl aws_smithy_runtime_api::client::interceptors::Intercept for ToFake {
    fn name(&self) -> &'static str {
        "ToFake"
    }

    fn modify_before_signing(
        &self,
        context: &mut aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextMut<'_>,
        _components: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        _cfg: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let request = context.request_mut();
        let uri: http::Uri = request.uri().parse()?;
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        request.set_uri(format!("http://{}{path}", self.0))?;
        Ok(())
    }
}

/// One operation of a [`FakeServer`]: its script and what it received.
#[derive(Clone, Copy)]
pub struct Operation<'a> {
    shared: &'a Shared,
    index: usize,
}

impl std::fmt::Debug for Operation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Operation").field(&self.name()).finish()
    }
}

impl<'a> Operation<'a> {
    /// The operation's name in the model.
    pub fn name(&self) -> &'a str {
        &self.shared.cx.model.operations[self.index].name
    }

    /// Answers every request from now on with `reply` (after the replies
    /// queued with [`Operation::once`]).
    pub fn respond(&self, reply: Reply) -> &Self {
        self.shared.lock().ops[self.index].standing = Some(reply);
        self
    }

    /// Answers with this output: an object of output members by model
    /// name (nested structures too), written where the model binds them
    /// (headers, status code, payload, body) and as the model types them
    /// (timestamps in epoch seconds are written in the member's format).
    /// Nothing is added: a member left out is not sent.
    pub fn respond_json(&self, output: Value) -> &Self {
        self.respond(Reply::json(output))
    }

    /// Answers with the error `code` (a modeled error's name or code, or
    /// any other) with `status` and `message`, as the protocol writes
    /// errors; a modeled error's other required members are made up.
    pub fn fail(&self, status: u16, code: &str, message: &str) -> &Self {
        self.respond(Reply::error(status, code, message))
    }

    /// Answers each request with what `f` makes of it.
    pub fn respond_with(&self, f: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> &Self {
        self.respond(Reply::with(f))
    }

    /// Answers the next request with `reply`, before the standing reply;
    /// replies queued so are taken in order.
    pub fn once(&self, reply: Reply) -> &Self {
        self.times(1, reply)
    }

    /// Answers the next `n` requests with `reply`.
    pub fn times(&self, n: usize, reply: Reply) -> &Self {
        let mut state = self.shared.lock();
        let queue = &mut state.ops[self.index].once;
        queue.extend(std::iter::repeat_n(reply, n));
        self
    }

    /// Drops the operation's script: it answers as the model says again.
    pub fn reset_script(&self) -> &Self {
        let mut state = self.shared.lock();
        let op = &mut state.ops[self.index];
        op.once.clear();
        op.standing = None;
        self
    }

    /// The requests this operation took, in order.
    pub fn requests(&self) -> Vec<Request> {
        let name = self.name();
        let state = self.shared.lock();
        state
            .requests
            .iter()
            .filter(|r| r.operation.as_deref() == Some(name))
            .cloned()
            .collect()
    }

    /// What the operation did so far.
    pub fn stats(&self) -> Stats {
        self.shared.lock().ops[self.index].stats
    }
}

/// Counts of what an [`Operation`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Requests it took.
    pub received: usize,
    /// Requests rejected as the model forbids them.
    pub rejected: usize,
    /// Outputs made from the model (a new answer, not a replay).
    pub generated: usize,
    /// Answers replayed for a repeated idempotency token.
    pub replayed: usize,
    /// Requests answered as scripted (outputs, errors, raw responses).
    pub scripted: usize,
}

/// How a fake answers a request: as the model says, or as a test scripted.
#[derive(Clone)]
pub struct Reply(ReplyKind);

#[derive(Clone)]
enum ReplyKind {
    Model,
    Output(Value),
    Error {
        status: u16,
        code: String,
        message: String,
    },
    Lost {
        status: u16,
        code: String,
        message: String,
    },
    Raw {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    With(Arc<dyn Fn(&Request) -> Reply + Send + Sync>),
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            ReplyKind::Model => f.write_str("Reply::model()"),
            ReplyKind::Output(_) => f.write_str("Reply::json(..)"),
            ReplyKind::Error { status, code, .. } => write!(f, "Reply::error({status}, {code:?})"),
            ReplyKind::Lost { status, code, .. } => write!(f, "Reply::lost({status}, {code:?})"),
            ReplyKind::Raw { status, .. } => write!(f, "Reply::raw({status})"),
            ReplyKind::With(_) => f.write_str("Reply::with(..)"),
        }
    }
}

impl Reply {
    /// As the model says: check the request, answer with an output that
    /// satisfies the model (the default).
    pub fn model() -> Self {
        Reply(ReplyKind::Model)
    }

    /// This output (see [`Operation::respond_json`]).
    pub fn json(output: Value) -> Self {
        Reply(ReplyKind::Output(output))
    }

    /// This error (see [`Operation::fail`]).
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Reply(ReplyKind::Error {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
        })
    }

    /// A lost answer: the request is handled as the model says (an
    /// idempotent answer is kept for a retry, [`Stats::generated`]
    /// counts it), then this error is sent instead of the answer, as if the
    /// answer were lost on the way back.
    pub fn lost(status: u16, code: &str, message: &str) -> Self {
        Reply(ReplyKind::Lost {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
        })
    }

    /// This response as it is, for what the model does not describe
    /// (a proxy's page, a malformed body).
    pub fn raw(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Self {
        Reply(ReplyKind::Raw {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.into(),
        })
    }

    /// What `f` makes of the request; it sees every request, those the
    /// model rejects too ([`Request::violations`]). A closure returning a
    /// closure's reply answers as the model says.
    pub fn with(f: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        Reply(ReplyKind::With(Arc::new(f)))
    }
}

/// A request as the fake received and read it.
#[derive(Clone)]
#[non_exhaustive]
pub struct Request {
    /// The operation that took it (`None`: no operation's route matched).
    pub operation: Option<String>,
    /// HTTP method.
    pub method: String,
    /// Path and query, as sent.
    pub uri: String,
    /// Headers, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced), after gzip.
    pub body: String,
    /// The input as the fake read it: members by model name, timestamps in
    /// epoch seconds, blobs as base64; `Null` where no operation took it.
    pub input: Value,
    /// What the model forbids in it, one message per violation.
    pub violations: Vec<String>,
    /// The request id the fake answered with (`x-amzn-requestid`).
    pub request_id: String,
}

impl Request {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Values are left out: the body, the input and some headers may hold
/// `@sensitive` values or credentials.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("body_len", &self.body.len())
            .field("violations", &self.violations)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

/// The description, read once, with what answering needs ready.
pub(crate) struct Prepared {
    model: Model,
    /// Each operation's route (restJson1).
    routes: Vec<Option<Route>>,
    /// Every `@pattern`, compiled by the rule the client checks with.
    patterns: HashMap<String, Pattern>,
}

impl Prepared {
    fn new(description: &str) -> std::io::Result<Self> {
        let bad = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let model: Model = serde_json::from_str(description)
            .map_err(|e| bad(format!("the fake's description cannot be read: {e}")))?;
        if model.version != model::VERSION {
            return Err(bad(format!(
                "the fake's description is of version {}, this runtime reads version {}",
                model.version,
                model::VERSION
            )));
        }
        let routes = model
            .operations
            .iter()
            .map(|o| Route::parse(&o.method, &o.uri))
            .collect();
        let mut patterns = HashMap::new();
        let members = model
            .operations
            .iter()
            .flat_map(|o| o.input.iter().chain(&o.output))
            .chain(model.shapes.values().flat_map(|s| match s {
                Shape::Structure { members, .. } | Shape::Union { members, .. } => {
                    members.as_slice()
                }
                _ => &[],
            }));
        for m in members {
            if let Some(p) = &m.pattern {
                patterns
                    .entry(p.clone())
                    .or_insert_with(|| crate::validation::compile_pattern(p));
            }
        }
        Ok(Prepared {
            model,
            routes,
            patterns,
        })
    }

    /// The error structure (shape id and its info) a request the model
    /// rejects gets, by the rule in the module's docs.
    fn validation_error<'a>(&self, op: &'a model::Operation) -> Option<&'a str> {
        let errors = || {
            op.errors
                .iter()
                .filter_map(|id| match self.model.shapes.get(id) {
                    Some(Shape::Structure {
                        error: Some(info), ..
                    }) => Some((id.as_str(), info)),
                    _ => None,
                })
        };
        let named = |name: &str| {
            errors()
                .find(|(id, _)| shape_name(id) == name)
                .map(|(id, _)| id)
        };
        named("ValidationException")
            .or_else(|| named("BadRequestException"))
            .or_else(|| {
                errors()
                    .find(|(_, e)| e.status == 400 && e.http_error && !e.retryable)
                    .map(|(id, _)| id)
            })
    }
}

fn shape_name(id: &str) -> &str {
    id.rsplit('#').next().unwrap_or(id)
}

struct Shared {
    cx: Prepared,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    seq: u64,
    requests: Vec<Request>,
    ops: Vec<OpState>,
    /// Answers by operation, path and idempotency token.
    replays: HashMap<(usize, String, String), Answer>,
}

#[derive(Default)]
struct OpState {
    once: VecDeque<Reply>,
    standing: Option<Reply>,
    stats: Stats,
}

/// A response before it is one.
#[derive(Clone, Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn into_response(self, request_id: &str) -> hyper::Response<Full<Bytes>> {
        let mut response = hyper::Response::new(Full::new(Bytes::from(self.body)));
        *response.status_mut() = hyper::StatusCode::from_u16(self.status)
            .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
        let h = response.headers_mut();
        let headers = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain([("x-amzn-requestid", request_id)]);
        for (k, v) in headers {
            if let (Ok(k), Ok(v)) = (
                hyper::header::HeaderName::try_from(k.to_ascii_lowercase()),
                hyper::header::HeaderValue::try_from(v),
            ) {
                h.append(k, v);
            }
        }
        response
    }
}

/// The labels of a matched route, by member name (still percent-encoded).
type Labels = Vec<(String, String)>;

/// What a request's head says, as the fake reads it.
struct Head {
    method: String,
    uri: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn serve(&self, req: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
        let (parts, body) = req.into_parts();
        let body = Limited::new(body, MAX_BODY).collect().await;
        let head = Head {
            method: parts.method.as_str().to_owned(),
            uri: parts.uri.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts
                .uri
                .query()
                .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default(),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        };
        let seq = {
            let mut state = self.lock();
            state.seq += 1;
            state.seq
        };
        let request_id = format!("fake-request-{seq}");
        let answer = match body {
            Ok(body) => self.answer(&head, body.to_bytes(), seq, &request_id),
            Err(_) => self.unroutable(
                &head,
                Vec::new(),
                seq,
                &request_id,
                "the body could not be read",
            ),
        };
        answer.into_response(&request_id)
    }

    /// Records a request no operation takes and answers it.
    fn unroutable(
        &self,
        head: &Head,
        body: Vec<u8>,
        seq: u64,
        request_id: &str,
        why: &str,
    ) -> Answer {
        self.lock().requests.push(Request {
            operation: None,
            method: head.method.clone(),
            uri: head.uri.clone(),
            headers: head.headers.clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
            input: Value::Null,
            violations: Vec::new(),
            request_id: request_id.to_owned(),
        });
        let status = if self.cx.model.protocol.is_aws_json() {
            400
        } else {
            404
        };
        self.error(None, status, "UnknownOperationException", why, seq)
    }

    fn answer(&self, head: &Head, body: Bytes, seq: u64, request_id: &str) -> Answer {
        let header = |name: &str| {
            head.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let mut body = body.to_vec();
        let mut violations = Vec::new();
        if header("content-encoding").is_some_and(|e| e.contains("gzip")) {
            use std::io::Read as _;
            let mut inflated = Vec::new();
            match flate2::read::GzDecoder::new(body.as_slice()).read_to_end(&mut inflated) {
                Ok(_) => body = inflated,
                Err(_) => violations.push("the body is not valid gzip".to_owned()),
            }
        }
        let Some((index, labels)) = self.route(head, header("x-amz-target")) else {
            let why = "no operation of the service takes this request";
            return self.unroutable(head, body, seq, request_id, why);
        };
        let op = &self.cx.model.operations[index];
        let input = if violations.is_empty() {
            self.read_input(op, head, &labels, &body, &mut violations)
        } else {
            Map::new()
        };
        let request = Request {
            operation: Some(op.name.clone()),
            method: head.method.clone(),
            uri: head.uri.clone(),
            headers: head.headers.clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
            input: Value::Object(input.clone()),
            violations,
            request_id: request_id.to_owned(),
        };
        let reply = {
            let mut state = self.lock();
            state.requests.push(request.clone());
            let op_state = &mut state.ops[index];
            op_state.stats.received += 1;
            op_state
                .once
                .pop_front()
                .or_else(|| op_state.standing.clone())
                .unwrap_or_else(Reply::model)
        };
        // A closure runs without the lock: it may script the fake.
        let (reply, by_closure) = match reply.0 {
            ReplyKind::With(f) => {
                let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&request)));
                match made {
                    Ok(Reply(ReplyKind::With(_))) => (ReplyKind::Model, true),
                    Ok(reply) => (reply.0, true),
                    Err(_) => {
                        let message = "the test's reply closure panicked";
                        return self.error(Some(op), 500, "InternalFailure", message, seq);
                    }
                }
            }
            other => (other, false),
        };
        // A closure's own answer stands; the model's answer checks first.
        let model_checks =
            !by_closure || matches!(reply, ReplyKind::Model | ReplyKind::Lost { .. });
        let rejected = !request.violations.is_empty() && model_checks;
        if rejected {
            self.lock().ops[index].stats.rejected += 1;
            return self.rejection(op, &request.violations, seq);
        }
        let scripted = |this: &Self| this.lock().ops[index].stats.scripted += 1;
        match reply {
            ReplyKind::Model | ReplyKind::With(_) => self.model_answer(index, head, &input, seq),
            ReplyKind::Lost {
                status,
                code,
                message,
            } => {
                let _ = self.model_answer(index, head, &input, seq);
                self.error(Some(op), status, &code, &message, seq)
            }
            ReplyKind::Output(output) => {
                scripted(self);
                match output {
                    Value::Object(obj) => self.output(op, &obj),
                    other => Answer {
                        status: op.code,
                        headers: vec![(
                            "content-type".into(),
                            self.cx.model.protocol.content_type().into(),
                        )],
                        body: other.to_string().into_bytes(),
                    },
                }
            }
            ReplyKind::Error {
                status,
                code,
                message,
            } => {
                scripted(self);
                self.error(Some(op), status, &code, &message, seq)
            }
            ReplyKind::Raw {
                status,
                headers,
                body,
            } => {
                scripted(self);
                Answer {
                    status,
                    headers,
                    body,
                }
            }
        }
    }

    /// The operation a request is for, and its labels (still
    /// percent-encoded).
    fn route(&self, head: &Head, target: Option<&str>) -> Option<(usize, Labels)> {
        let model = &self.cx.model;
        if model.protocol.is_aws_json() {
            let (prefix, name) = target?.trim().rsplit_once('.')?;
            if head.method != "POST"
                || (!model.target_prefix.is_empty() && prefix != model.target_prefix)
            {
                return None;
            }
            let index = model.operations.iter().position(|o| o.name == name)?;
            return Some((index, Vec::new()));
        }
        // The matching route with the most literal text: (index, labels, length).
        let mut best: Option<(usize, Labels, usize)> = None;
        for (i, route) in self.cx.routes.iter().enumerate() {
            let Some(route) = route else { continue };
            if route.method != head.method {
                continue;
            }
            let query_ok = route.query.iter().all(|(k, v)| {
                head.query
                    .iter()
                    .any(|(hk, hv)| hk == k && v.as_ref().is_none_or(|v| v == hv))
            });
            if !query_ok {
                continue;
            }
            let Some(labels) = route.matches(&head.path) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(_, _, len)| route.literal_len > *len)
            {
                best = Some((i, labels, route.literal_len));
            }
        }
        best.map(|(i, labels, _)| (i, labels))
    }

    /// Reads the input from the request's bindings and checks it.
    fn read_input(
        &self,
        op: &model::Operation,
        head: &Head,
        labels: &[(String, String)],
        body: &[u8],
        violations: &mut Vec<String>,
    ) -> Map<String, Value> {
        let cx = &self.cx;
        let mut wire = Map::new();
        let body_members: Vec<&model::Member> = op
            .input
            .iter()
            .filter(|m| m.binding == Binding::Body)
            .collect();
        if !body_members.is_empty() || cx.model.protocol.is_aws_json() {
            let parsed = if body.iter().all(u8::is_ascii_whitespace) {
                Some(Map::new())
            } else {
                match serde_json::from_slice::<Value>(body) {
                    Ok(Value::Object(obj)) => Some(obj),
                    _ => None,
                }
            };
            match parsed {
                Some(obj) => {
                    for m in &body_members {
                        if let Some(v) = obj.get(m.json_name()) {
                            wire.insert(m.name.clone(), v.clone());
                        }
                    }
                }
                None => violations.push("the body is not a JSON object".to_owned()),
            }
        }
        let bound_query: Vec<&str> = op
            .input
            .iter()
            .filter_map(|m| match &m.binding {
                Binding::Query(q) => Some(q.as_str()),
                _ => None,
            })
            .chain(op_literals(cx, op))
            .collect();
        for m in &op.input {
            let value = match &m.binding {
                Binding::Body | Binding::Unsupported | Binding::ResponseCode => continue,
                Binding::Label => {
                    let Some((_, raw)) = labels.iter().find(|(name, _)| *name == m.name) else {
                        continue;
                    };
                    match percent_encoding::percent_decode_str(raw).decode_utf8() {
                        Ok(text) => from_text(cx, &m.ty, &text),
                        Err(_) => {
                            violations.push(format!("{}.{} is not UTF-8", op.input_name, m.name));
                            continue;
                        }
                    }
                }
                Binding::Query(q) => {
                    let values: Vec<&str> = head
                        .query
                        .iter()
                        .filter(|(k, _)| k == q)
                        .map(|(_, v)| v.as_str())
                        .collect();
                    match (&m.ty, values.first()) {
                        (_, None) => continue,
                        (Ty::List(item), _) => {
                            Value::Array(values.iter().map(|v| from_text(cx, item, v)).collect())
                        }
                        (ty, Some(v)) => from_text(cx, ty, v),
                    }
                }
                Binding::QueryParams => {
                    let mut map = Map::new();
                    for (k, v) in &head.query {
                        if bound_query.contains(&k.as_str()) {
                            continue;
                        }
                        match &m.ty {
                            Ty::Map(item) if matches!(**item, Ty::List(_)) => {
                                let entry = map
                                    .entry(k.clone())
                                    .or_insert_with(|| Value::Array(Vec::new()));
                                if let Value::Array(a) = entry {
                                    a.push(Value::from(v.as_str()));
                                }
                            }
                            _ => {
                                map.entry(k.clone())
                                    .or_insert_with(|| Value::from(v.as_str()));
                            }
                        }
                    }
                    if map.is_empty() {
                        continue;
                    }
                    Value::Object(map)
                }
                Binding::Header(name) => {
                    let values: Vec<&str> = head
                        .headers
                        .iter()
                        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.as_str())
                        .collect();
                    if values.is_empty() {
                        continue;
                    }
                    match header_value(cx, m, &values) {
                        Some(v) => v,
                        None => {
                            violations.push(format!(
                                "{}.{} is not a header value of its type",
                                op.input_name, m.name
                            ));
                            continue;
                        }
                    }
                }
                Binding::PrefixHeaders(prefix) => {
                    let prefix = prefix.to_ascii_lowercase();
                    let map: Map<String, Value> = head
                        .headers
                        .iter()
                        .filter_map(|(k, v)| {
                            let rest = k.to_ascii_lowercase().strip_prefix(&prefix)?.to_owned();
                            Some((rest, Value::from(v.as_str())))
                        })
                        .collect();
                    if map.is_empty() {
                        continue;
                    }
                    Value::Object(map)
                }
                Binding::Payload => match payload_value(cx, &m.ty, body) {
                    Ok(Some(v)) => v,
                    Ok(None) => continue,
                    Err(()) => {
                        violations.push(format!(
                            "{}.{} is not a payload of its type",
                            op.input_name, m.name
                        ));
                        continue;
                    }
                },
            };
            wire.insert(m.name.clone(), value);
        }
        let mut checker = Checker::new(cx, Keys::Json);
        let input = checker.structure(&op.input, &wire, &op.input_name, Keys::Model);
        violations.extend(checker.violations);
        input
    }

    /// The answer as the model says: a replay for a repeated idempotency
    /// token, else a new output.
    fn model_answer(
        &self,
        index: usize,
        head: &Head,
        input: &Map<String, Value>,
        seq: u64,
    ) -> Answer {
        let op = &self.cx.model.operations[index];
        let token = op
            .input
            .iter()
            .find(|m| m.idempotency_token)
            .and_then(|m| input.get(&m.name))
            .and_then(Value::as_str);
        let key = token.map(|t| (index, head.path.clone(), t.to_owned()));
        let mut state = self.lock();
        if let Some(answer) = key.as_ref().and_then(|k| state.replays.get(k)) {
            let answer = answer.clone();
            state.ops[index].stats.replayed += 1;
            return answer;
        }
        let maker = Maker {
            cx: &self.cx,
            now: now(),
            seq,
            echo: input,
            skip: op.output_token.as_deref(),
        };
        let output = maker.structure(&op.output, "", 0, &mut Vec::new());
        let answer = self.output(op, &output);
        state.ops[index].stats.generated += 1;
        if let Some(key) = key {
            state.replays.insert(key, answer.clone());
        }
        answer
    }

    /// An output (model form) written where the model binds its members.
    fn output(&self, op: &model::Operation, output: &Map<String, Value>) -> Answer {
        let cx = &self.cx;
        let protocol = cx.model.protocol;
        let mut status = op.code;
        let mut headers = Vec::new();
        let mut body = Map::new();
        let mut payload: Option<(Vec<u8>, String)> = None;
        for (name, v) in output {
            let Some(m) = op.output.iter().find(|m| &m.name == name) else {
                // Not a member: kept in the body as it is.
                body.insert(name.clone(), v.clone());
                continue;
            };
            match &m.binding {
                Binding::Header(h) => {
                    if let Some(text) = header_text(m, v) {
                        headers.push((h.clone(), text));
                    }
                }
                Binding::PrefixHeaders(prefix) => {
                    if let Value::Object(map) = v {
                        for (k, x) in map {
                            if let Some(text) = x.as_str() {
                                headers.push((format!("{prefix}{k}"), text.to_owned()));
                            }
                        }
                    }
                }
                Binding::ResponseCode => {
                    if let Some(code) = v.as_u64().and_then(|c| u16::try_from(c).ok()) {
                        status = code;
                    }
                }
                Binding::Payload => payload = Some(payload_bytes(cx, m, v)),
                _ => {
                    body.insert(m.json_name().to_owned(), write(cx, &m.ty, v));
                }
            }
        }
        let has_body_members = op.output.iter().any(|m| m.binding == Binding::Body);
        let body = match payload {
            Some((bytes, content_type)) => {
                headers.push(("content-type".into(), content_type));
                bytes
            }
            None if has_body_members || protocol.is_aws_json() || !body.is_empty() => {
                headers.push(("content-type".into(), protocol.content_type().into()));
                Value::Object(body).to_string().into_bytes()
            }
            None => Vec::new(),
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    /// The validation error of an operation, naming every violation.
    fn rejection(&self, op: &model::Operation, violations: &[String], seq: u64) -> Answer {
        let n = violations.len();
        let message = format!(
            "{n} validation error{} detected: {}",
            if n == 1 { "" } else { "s" },
            violations.join("; ")
        );
        match self.cx.validation_error(op) {
            Some(id) => {
                let status = match self.cx.model.shapes.get(id) {
                    Some(Shape::Structure { error: Some(e), .. }) => e.status,
                    _ => 400,
                };
                let code = shape_name(id).to_owned();
                self.error(Some(op), status, &code, &message, seq)
            }
            None => self.error(Some(op), 400, "ValidationException", &message, seq),
        }
    }

    /// An error response as the protocol writes it: restJson1 names the
    /// error in `x-amzn-errortype`, awsJson in the body's `__type`. A
    /// modeled error (named by its shape name or one of its codes) is
    /// written as its structure: its message member holds `message`, a
    /// `Code` member the first of its codes that the member can hold, other
    /// required members are made up.
    fn error(
        &self,
        op: Option<&model::Operation>,
        status: u16,
        code: &str,
        message: &str,
        seq: u64,
    ) -> Answer {
        let cx = &self.cx;
        let protocol = cx.model.protocol;
        let modeled = op.and_then(|op| {
            op.errors
                .iter()
                .find_map(|id| match cx.model.shapes.get(id) {
                    Some(Shape::Structure {
                        members,
                        error: Some(info),
                        ..
                    }) if shape_name(id) == code || info.codes.iter().any(|c| c == code) => {
                        Some((id.as_str(), members, info))
                    }
                    _ => None,
                })
        });
        let mut headers = vec![(
            "content-type".to_owned(),
            protocol.content_type().to_owned(),
        )];
        let mut body = Map::new();
        let name = match modeled {
            Some((id, members, info)) => {
                let empty = Map::new();
                let maker = Maker {
                    cx,
                    now: now(),
                    seq,
                    echo: &empty,
                    skip: None,
                };
                let mut obj = Map::new();
                let mut has_message = false;
                for m in members {
                    let lower = m.name.to_ascii_lowercase();
                    let value = if lower == "message" || lower == "errormessage" {
                        has_message = true;
                        Some(Value::from(message))
                    } else if lower == "code" {
                        let candidates =
                            std::iter::once(code).chain(info.codes.iter().map(String::as_str));
                        candidates.map(Value::from).find(|v| {
                            let mut check = Checker::new(cx, Keys::Model);
                            check.member(m, v, "").is_some() && check.violations.is_empty()
                        })
                    } else if m.required {
                        maker.member(m, &m.name, 1, &mut Vec::new())
                    } else {
                        None
                    };
                    if let Some(v) = value {
                        obj.insert(m.name.clone(), v);
                    }
                }
                for m in members {
                    if let (Binding::Header(h), Some(v)) = (&m.binding, obj.get(&m.name)) {
                        if let Some(text) = header_text(m, v) {
                            headers.push((h.clone(), text));
                        }
                    }
                }
                for m in members {
                    if matches!(
                        m.binding,
                        Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::ResponseCode
                    ) {
                        obj.remove(&m.name);
                    }
                }
                body = write_members(cx, members, &obj);
                if !has_message {
                    body.insert("message".into(), Value::from(message));
                }
                if protocol.is_aws_json() {
                    id.to_owned()
                } else {
                    shape_name(id).to_owned()
                }
            }
            None => {
                body.insert("message".into(), Value::from(message));
                code.to_owned()
            }
        };
        if protocol.is_aws_json() {
            body.insert("__type".into(), Value::from(name));
        } else {
            headers.push(("x-amzn-errortype".into(), name));
        }
        Answer {
            status,
            headers,
            body: Value::Object(body).to_string().into_bytes(),
        }
    }
}

/// The query literals of `op`'s route.
fn op_literals<'a>(cx: &'a Prepared, op: &model::Operation) -> Vec<&'a str> {
    cx.model
        .operations
        .iter()
        .position(|o| std::ptr::eq(o, op))
        .and_then(|i| cx.routes.get(i))
        .and_then(Option::as_ref)
        .map(|r| r.query.iter().map(|(k, _)| k.as_str()).collect())
        .unwrap_or_default()
}

/// A header member's wire value of its header values: lists split on
/// commas as the client joins them (quoted strings, HTTP dates), a string
/// with a `@mediaType` base64-decoded.
fn header_value(cx: &Prepared, m: &model::Member, values: &[&str]) -> Option<Value> {
    use aws_smithy_runtime_api::http::header_parse;
    match &m.ty {
        Ty::List(item) => match &**item {
            Ty::Timestamp(f) => {
                let dates = header_parse::many_dates(values.iter().copied(), f.smithy()).ok()?;
                Some(Value::Array(
                    dates.iter().map(|d| Value::from(d.as_secs_f64())).collect(),
                ))
            }
            item => {
                let texts: Vec<String> =
                    header_parse::read_many_from_str(values.iter().copied()).ok()?;
                Some(Value::Array(
                    texts.iter().map(|t| from_text(cx, item, t)).collect(),
                ))
            }
        },
        Ty::String if m.media_type.is_some() => {
            let bytes = aws_smithy_types::base64::decode(values.first()?).ok()?;
            String::from_utf8(bytes).ok().map(Value::from)
        }
        ty => Some(from_text(cx, ty, values.first()?)),
    }
}

/// A header's text of a member's value (model form).
fn header_text(m: &model::Member, v: &Value) -> Option<String> {
    match (&m.ty, v) {
        (Ty::String, Value::String(s)) if m.media_type.is_some() => {
            Some(aws_smithy_types::base64::encode(s.as_bytes()))
        }
        (Ty::List(item), Value::Array(items)) if !matches!(**item, Ty::Timestamp(_)) => {
            let texts: Option<Vec<String>> = items.iter().map(|x| to_text(item, x)).collect();
            Some(crate::http::headers::join(texts?))
        }
        (ty, v) => to_text(ty, v),
    }
}

/// A payload member's wire value of the body: `Ok(None)` for an empty body.
fn payload_value(cx: &Prepared, ty: &Ty, body: &[u8]) -> Result<Option<Value>, ()> {
    let text = || std::str::from_utf8(body).map_err(|_| ());
    if body.is_empty() {
        return Ok(None);
    }
    match ty {
        Ty::Blob | Ty::Stream => Ok(Some(Value::from(aws_smithy_types::base64::encode(body)))),
        Ty::String => Ok(Some(Value::from(text()?))),
        Ty::Shape(id) if matches!(cx.model.shapes.get(id), Some(Shape::Enum { .. })) => {
            Ok(Some(Value::from(text()?)))
        }
        _ => serde_json::from_slice(body).map(Some).map_err(|_| ()),
    }
}

/// A payload's bytes and content type of a member's value (model form).
fn payload_bytes(cx: &Prepared, m: &model::Member, v: &Value) -> (Vec<u8>, String) {
    let media = |default: &str| m.media_type.clone().unwrap_or_else(|| default.to_owned());
    match (&m.ty, v) {
        (Ty::Blob | Ty::Stream, Value::String(s)) => (
            aws_smithy_types::base64::decode(s).unwrap_or_else(|_| s.clone().into_bytes()),
            media("application/octet-stream"),
        ),
        (Ty::String, Value::String(s)) => (s.clone().into_bytes(), media("text/plain")),
        (Ty::Shape(id), Value::String(s))
            if matches!(cx.model.shapes.get(id), Some(Shape::Enum { .. })) =>
        {
            (s.clone().into_bytes(), "text/plain".to_owned())
        }
        (ty, v) => (
            write(cx, ty, v).to_string().into_bytes(),
            media("application/json"),
        ),
    }
}

/// Now, in whole epoch seconds.
fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A restJson1 service with header, prefix-header, status-code and
    /// payload bindings, an int enum, a sparse list and a union.
    const MODEL: &str = r##"{"version":1,"protocol":"restJson1","operations":[
{"name":"Put","inputName":"PutInput","method":"PUT","uri":"/things/{Id}","code":200,
 "input":[{"name":"Id","type":"string","required":true,"binding":"label"},
  {"name":"Tags","type":{"list":"string"},"binding":{"header":"x-tags"}},
  {"name":"Meta","type":{"map":"string"},"binding":{"prefixHeaders":"x-meta-"}},
  {"name":"Level","type":{"shape":"ex#Level"},"binding":{"query":"level"}},
  {"name":"Body","type":{"shape":"ex#Body"},"binding":"payload"}],
 "output":[{"name":"Etag","type":"string","required":true,"binding":{"header":"etag"},"pattern":"^[0-9a-f]{8}$"},
  {"name":"Status","type":"integer","binding":"responseCode"},
  {"name":"Body","type":{"shape":"ex#Body"},"binding":"payload"}],
 "errors":[]}],
"shapes":{
"ex#Level":{"kind":"intEnum","values":[1,2]},
"ex#Body":{"kind":"structure","members":[{"name":"Items","type":{"list":{"optional":"long"}}},{"name":"Choice","type":{"shape":"ex#Choice"},"json":"choice"}]},
"ex#Choice":{"kind":"union","members":[{"name":"A","type":"string"},{"name":"B","type":"boolean"}]}
}}"##;

    fn shared() -> Shared {
        let cx = Prepared::new(MODEL).expect("the description reads");
        Shared {
            cx,
            state: Mutex::new(State {
                ops: vec![OpState::default()],
                ..State::default()
            }),
        }
    }

    fn head(uri: &str, headers: &[(&str, &str)]) -> Head {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        Head {
            method: "PUT".into(),
            uri: uri.into(),
            path: path.into(),
            query: form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn a_description_of_another_version_or_form_is_an_error() {
        for bad in [
            "{",
            r#"{"version":2,"protocol":"restJson1","operations":[]}"#,
        ] {
            let err = Prepared::new(bad).err().expect("rejected");
            assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        }
    }

    #[test]
    fn every_binding_is_read_and_written() {
        let shared = shared();
        let head = head(
            "/things/t%201?level=2",
            &[("x-tags", "a, \"b,c\""), ("x-meta-Color", "red")],
        );
        let body = br#"{"Items":[1,null,3],"choice":{"B":true}}"#;
        let answer = shared.answer(&head, Bytes::from_static(body), 1, "r1");
        assert_eq!(
            answer.status,
            200,
            "{:?}",
            String::from_utf8_lossy(&answer.body)
        );
        let request = &shared.lock().requests[0];
        assert_eq!(
            request.input,
            serde_json::json!({
                "Id": "t 1", "Tags": ["a", "b,c"], "Meta": {"color": "red"}, "Level": 2,
                "Body": {"Items": [1, null, 3], "Choice": {"B": true}}
            })
        );
        // The output: the header sampled from its pattern, the payload
        // echoed (by member name) and written with its JSON names.
        let etag = answer
            .headers
            .iter()
            .find(|(k, _)| k == "etag")
            .map(|(_, v)| v.clone());
        let etag = etag.expect("a required header member");
        assert!(
            etag.len() == 8 && etag.chars().all(|c| c.is_ascii_hexdigit()),
            "{etag}"
        );
        let body: Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"Items": [1, null, 3], "choice": {"B": true}})
        );
    }

    #[test]
    fn what_the_model_forbids_is_named_member_by_member() {
        let shared = shared();
        let head = head("/things/x?level=3", &[]);
        let body = br#"{"Items":"no","choice":{"A":"a","B":true}}"#;
        let answer = shared.answer(&head, Bytes::from_static(body), 1, "r1");
        assert_eq!(answer.status, 400);
        let body: Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(
            body["message"],
            "3 validation errors detected: PutInput.Level must be one of 1, 2; \
             PutInput.Body.Items must be a list; PutInput.Body.Choice must have exactly one member set"
        );
        assert!(answer.headers.contains(&(
            "x-amzn-errortype".to_owned(),
            "ValidationException".to_owned()
        )));
        assert_eq!(shared.lock().ops[0].stats.rejected, 1);
    }

    #[test]
    fn a_scripted_status_code_member_sets_the_status() {
        let shared = shared();
        shared.lock().ops[0].standing =
            Some(Reply::json(serde_json::json!({"Etag": "e", "Status": 202})));
        let answer = shared.answer(&head("/things/x", &[]), Bytes::new(), 1, "r1");
        assert_eq!(answer.status, 202);
        assert!(answer
            .headers
            .contains(&("etag".to_owned(), "e".to_owned())));
        assert!(answer.body.is_empty(), "no payload scripted");
    }
}
