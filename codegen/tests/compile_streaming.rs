//! streaming.json: `@streaming` blob payloads as `ByteStream`, in and out:
//! sent and received as they are read (64 MiB each way with the process's
//! peak memory growing far less), `@requiresLength` refused before sending
//! when the length is unknown, `aws.auth#unsignedPayload` signed as
//! `UNSIGNED-PAYLOAD`, a body in memory signed with its hash.
#![deny(warnings)]

include!("snapshots/streaming.rs");

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_runtime_api::client::identity::Identity;
use primitives::ByteStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const MIB: usize = 1024 * 1024;
/// A fixed signing time, so that a signature can be recomputed.
const SIGNED_AT: u64 = 1_764_000_000;

fn credentials() -> config::Credentials {
    config::Credentials::new("AKIDSTREAM", "stream-secret", None, None, "t")
}

fn client(url: &str) -> Client {
    Client::from_conf(
        config::Config::builder()
            .credentials_provider(credentials())
            .region(config::Region::new("us-west-2"))
            .endpoint_url(url)
            .time_source(aws_smithy_async::time::StaticTimeSource::new(
                UNIX_EPOCH + Duration::from_secs(SIGNED_AT),
            ))
            .build(),
    )
}

/// What the loopback server saw of one request: never its body, only the
/// body's length and a checksum.
#[derive(Clone, Debug, Default)]
struct Seen {
    request_line: String,
    headers: Vec<(String, String)>,
    body_len: usize,
    body_sum: u64,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The byte at `i` of the test bodies: a pattern, so a lost or repeated
/// chunk changes the checksum.
fn pattern(i: usize) -> u8 {
    (i % 251) as u8
}

fn checksum(bytes: &[u8], offset: usize, sum: &mut u64) {
    for (k, b) in bytes.iter().enumerate() {
        *sum = sum.wrapping_add(u64::from(*b) * ((offset + k) as u64 % 7 + 1));
    }
}

/// The checksum of `len` pattern bytes, computed without holding them.
fn expected_checksum(len: usize) -> u64 {
    (0..len).fold(0u64, |sum, i| {
        sum.wrapping_add(u64::from(pattern(i)) * (i as u64 % 7 + 1))
    })
}

/// A loopback HTTP/1.1 server for one request at a time: reads the request
/// body chunk by chunk without keeping it, then answers `status` with
/// `response_len` pattern bytes written in 64 KiB chunks.
async fn server(status: u16, response_len: usize) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut read = BufReader::new(read);
                let mut seen = Seen::default();
                read.read_line(&mut seen.request_line).await.unwrap();
                loop {
                    let mut line = String::new();
                    read.read_line(&mut line).await.unwrap();
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = line.split_once(':') {
                        seen.headers
                            .push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                    }
                }
                let len: usize = seen
                    .header("content-length")
                    .map_or(0, |v| v.parse().unwrap());
                let mut buf = vec![0u8; 64 * 1024];
                while seen.body_len < len {
                    let want = buf.len().min(len - seen.body_len);
                    let n = read.read(&mut buf[..want]).await.unwrap();
                    assert!(n > 0, "the client closed the body early");
                    checksum(&buf[..n], seen.body_len, &mut seen.body_sum);
                    seen.body_len += n;
                }
                log.lock().unwrap().push(seen);
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: {response_len}\r\netag: \"e-1\"\r\n\
                     content-type: application/octet-stream\r\n\r\n"
                );
                write.write_all(head.as_bytes()).await.unwrap();
                let mut sent = 0;
                while sent < response_len {
                    let n = (64 * 1024).min(response_len - sent);
                    let chunk: Vec<u8> = (sent..sent + n).map(pattern).collect();
                    if write.write_all(&chunk).await.is_err() {
                        return;
                    }
                    sent += n;
                }
            });
        }
    });
    (url, seen)
}

/// The process's peak resident memory so far (Linux `VmHWM`), in bytes.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The Authorization header aws-sigv4 computes for the request that
/// arrived, with `body` as the payload to sign.
fn expected_authorization(seen: &Seen, body: SignableBody<'_>) -> String {
    let signed: Vec<String> = seen
        .header("authorization")
        .and_then(|a| a.split("SignedHeaders=").nth(1))
        .and_then(|s| s.split(',').next())
        .expect("SignedHeaders")
        .split(';')
        .map(str::to_owned)
        .collect();
    let headers: Vec<(String, String)> = signed
        .iter()
        .map(|n| (n.clone(), seen.header(n).unwrap_or_default().to_owned()))
        .collect();
    let identity: Identity = credentials().into();
    let params = SigningParams::builder()
        .identity(&identity)
        .region("us-west-2")
        .name("example")
        .time(SystemTime::UNIX_EPOCH + Duration::from_secs(SIGNED_AT))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let mut parts = seen.request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap(), parts.next().unwrap());
    let uri = format!("http://{}{}", seen.header("host").unwrap(), path);
    let signable = SignableRequest::new(
        method,
        &uri,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        body,
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let (headers, _) = instructions.into_parts();
    headers
        .iter()
        .find(|h| h.name() == "authorization")
        .unwrap()
        .value()
        .to_owned()
}

/// 64 MiB up from a file and 64 MiB down, read chunk by chunk: the peak
/// memory of the whole test process grows by far less than either body.
/// (One test does both, so nothing else in this binary runs beside it.)
#[tokio::test]
async fn sixty_four_mib_each_way_in_bounded_memory() {
    let len = 64 * MIB;
    let path = std::env::temp_dir().join(format!("sdkgen-stream-{}.bin", std::process::id()));
    {
        let mut file = std::fs::File::create(&path).unwrap();
        for i in 0..64 {
            let part: Vec<u8> = (i * MIB..(i + 1) * MIB).map(pattern).collect();
            std::io::Write::write_all(&mut file, &part).unwrap();
        }
    }
    let before = peak_rss();

    let (url, seen) = server(200, 0).await;
    let body = ByteStream::from_path(&path).await.unwrap();
    let out = client(&url)
        .put_object()
        .key("big")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(out.e_tag(), Some("\"e-1\""));
    let request = seen.lock().unwrap()[0].clone();
    assert!(request.request_line.starts_with("PUT /objects/big "));
    assert_eq!(request.header("content-length"), Some("67108864"));
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body_len, len);
    assert_eq!(request.body_sum, expected_checksum(len));
    // A file is not in memory: signed as UNSIGNED-PAYLOAD, as aws-sdk-rust does.
    assert_eq!(
        request.header("authorization").unwrap(),
        expected_authorization(&request, SignableBody::UnsignedPayload)
    );

    let (url, _) = server(200, len).await;
    let mut out = client(&url).get_object().key("big").send().await.unwrap();
    assert_eq!(out.e_tag(), Some("\"e-1\""));
    let (mut got, mut sum) = (0, 0);
    while let Some(chunk) = out.body.next().await {
        let chunk = chunk.unwrap();
        checksum(&chunk, got, &mut sum);
        got += chunk.len();
    }
    assert_eq!(got, len);
    assert_eq!(sum, expected_checksum(len));

    let _ = std::fs::remove_file(&path);
    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let grown = after.saturating_sub(before);
        eprintln!("peak memory grew by {:.1} MiB", grown as f64 / MIB as f64);
        assert!(
            grown < 24 * MIB,
            "peak memory grew by {} MiB moving 64 MiB each way",
            grown / MIB
        );
    }
}

#[tokio::test]
async fn a_body_in_memory_is_sent_whole_and_signed_with_its_hash() {
    let (url, seen) = server(200, 0).await;
    client(&url)
        .put_object()
        .key("small")
        .content_type("text/plain")
        .body(ByteStream::from_static(b"hello stream"))
        .send()
        .await
        .unwrap();
    let request = seen.lock().unwrap()[0].clone();
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.header("content-length"), Some("12"));
    assert_eq!(request.body_len, 12);
    assert_eq!(
        request.header("authorization").unwrap(),
        expected_authorization(&request, SignableBody::Bytes(b"hello stream"))
    );
}

#[tokio::test]
async fn unsigned_payload_signs_unsigned_payload_even_in_memory() {
    let (url, seen) = server(200, 0).await;
    client(&url)
        .put_sized()
        .key("k")
        .body(ByteStream::from_static(b"sized"))
        .send()
        .await
        .unwrap();
    let request = seen.lock().unwrap()[0].clone();
    assert_eq!(request.header("content-length"), Some("5"));
    assert_eq!(
        request.header("authorization").unwrap(),
        expected_authorization(&request, SignableBody::UnsignedPayload)
    );
}

/// A body that does not know its length.
struct UnknownLength(Option<bytes::Bytes>);

impl http_body::Body for UnknownLength {
    type Data = bytes::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Self::Error>>> {
        std::task::Poll::Ready(self.0.take().map(|b| Ok(http_body::Frame::data(b))))
    }
}

#[tokio::test]
async fn requires_length_refuses_an_unknown_length_before_sending() {
    let (url, seen) = server(200, 0).await;
    let body = ByteStream::new(aws_smithy_types::body::SdkBody::from_body_1_x(
        UnknownLength(Some(bytes::Bytes::from_static(b"no length"))),
    ));
    let err = client(&url)
        .put_sized()
        .key("k")
        .body(body)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    let text = format!("{}", error::DisplayErrorContext(&err));
    assert!(text.contains("@requiresLength"), "{text}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_streaming_operation_reads_errors_whole() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let _ = socket.read(&mut buf).await.unwrap();
        let body = r#"{"Message":"no such key"}"#;
        let response = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\
             x-amzn-errortype: NoSuchKey\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
    });
    let err = client(&url)
        .get_object()
        .key("gone")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        operation::get_object::GetObjectError::NoSuchKey(e) => {
            assert_eq!(e.message(), Some("no such key"))
        }
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
}
