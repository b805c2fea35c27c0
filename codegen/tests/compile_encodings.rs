//! encodings.rs (hand-built IR): the request forms OpenAPI documents use,
//! sent to a server on 127.0.0.1 and checked as they arrived: query
//! parameters in each style, the Cookie header, a form body and a
//! multipart body (read back with `multer`, and byte for byte).
#![deny(warnings)]

include!("snapshots/encodings.rs");

use wiremock::{matchers::any, Mock, MockServer, Request, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::from_conf(
        config::Config::builder()
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .build(),
    )
}

async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn when() -> primitives::DateTime {
    primitives::DateTime::from_secs(1_445_412_480)
}

#[tokio::test]
async fn query_styles_and_cookies() {
    let server = server().await;
    client(&server)
        .list_things()
        .ids(1)
        .ids(2)
        .tags("a")
        .tags("b c")
        .sizes(1)
        .sizes(2)
        .names("x")
        .names("y|z")
        .filter(types::Filter::builder().color("red").size(3).build())
        .labels("b", "2")
        .labels("a", "1 &")
        .point(types::Filter::builder().color("blue").size(2).build())
        .since(when())
        .session("s3cr3t")
        .theme(types::Mode::Slow)
        .recent(7)
        .recent(8)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(req.url.path(), "/things");
    assert_eq!(
        req.url.query(),
        Some(concat!(
            "id=1&id=2",
            "&tags=a,b%20c",
            "&sizes=1%202",
            "&names=x|y%7Cz",
            "&filter[color]=red&filter[size]=3",
            "&a=1%20%26&b=2",
            "&point=color,blue,size,2",
            "&since=2015-10-21T07%3A28%3A00Z",
        ))
    );
    assert_eq!(
        header(&req, "cookie").as_deref(),
        Some("session=s3cr3t; theme=slow; recent=7,8")
    );
}

#[tokio::test]
async fn unset_members_send_no_query_and_no_cookie() {
    let server = server().await;
    client(&server).list_things().send().await.unwrap();
    let req = received(&server).await;
    assert_eq!(req.url.query(), None);
    assert_eq!(header(&req, "cookie"), None);
}

#[tokio::test]
async fn a_cookie_value_that_would_split_the_header_fails_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let err = client(&server)
        .list_things()
        .session("x; admin=1")
        .send()
        .await
        .unwrap_err();
    let text = format!("{:?}", err);
    assert!(text.contains("cookie `session`"), "{text}");
    assert!(!text.contains("admin=1"), "the value stays out: {text}");
}

#[tokio::test]
async fn form_bodies() {
    let server = server().await;
    client(&server)
        .submit_form()
        .name("x y&z")
        .count(3)
        .tags("a")
        .tags("b")
        .when(when())
        .data(primitives::Blob::new(b"hi!".to_vec()))
        .mode(types::Mode::Fast)
        .meta(types::Meta::builder().note("n").tags("t").build())
        .secret("pw")
        .trace("t-1")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/forms");
    assert_eq!(
        header(&req, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&req, "x-trace").as_deref(), Some("t-1"));
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        concat!(
            "name=x+y%26z&count=3&tag=a&tag=b&when=2015-10-21T07%3A28%3A00Z",
            "&data=aGkh&mode=fast",
            "&meta=%7B%22note%22%3A%22n%22%2C%22tags%22%3A%5B%22t%22%5D%7D",
            "&secret=pw",
        )
    );
    assert_eq!(
        header(&req, "content-length").as_deref(),
        Some(req.body.len().to_string().as_str())
    );
}

#[tokio::test]
async fn multipart_bodies() {
    let server = server().await;
    client(&server)
        .upload()
        .title("Q3 \"report\"")
        .file(primitives::Blob::new(vec![0, 159, 146, 150]))
        .meta(types::Meta::builder().note("n").build())
        .numbers(1)
        .numbers(2)
        .mode(types::Mode::Slow)
        .count(-4)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(req.url.path(), "/uploads");
    let content_type = header(&req, "content-type").unwrap();
    let boundary = multer::parse_boundary(&content_type).unwrap();
    assert_eq!(
        content_type,
        format!("multipart/form-data; boundary={boundary}")
    );
    assert_eq!(boundary.len(), 32);

    // A real parser reads every part back.
    let mut form = multer::Multipart::with_reader(&req.body[..], boundary.clone());
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field.name().map(str::to_owned);
        let file_name = field.file_name().map(str::to_owned);
        let ty = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.unwrap().to_vec();
        parts.push((name, file_name, ty, bytes));
    }
    let part = |name: &str, file: Option<&str>, ty: Option<&str>, bytes: &[u8]| {
        (
            Some(name.to_owned()),
            file.map(str::to_owned),
            ty.map(str::to_owned),
            bytes.to_vec(),
        )
    };
    let json = Some("application/json");
    assert_eq!(
        parts,
        [
            part("title", None, None, b"Q3 \"report\""),
            part(
                "file",
                Some("file"),
                Some("application/octet-stream"),
                &[0, 159, 146, 150]
            ),
            part("meta", None, json, br#"{"note":"n"}"#),
            part("numbers", None, json, b"[1,2]"),
            part("mode", None, None, b"slow"),
            part("count", None, None, b"-4"),
        ]
    );

    // And byte for byte, under the boundary the request chose.
    let b = format!("--{boundary}");
    let expected: Vec<u8> = [
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQ3 \"report\"\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n",
        &[0, 159, 146, 150],
        b"\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"note\":\"n\"}\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"numbers\"\r\nContent-Type: application/json\r\n\r\n[1,2]\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nslow\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n-4\r\n",
        b.as_bytes(),
        b"--\r\n",
    ]
    .concat();
    assert_eq!(req.body, expected);
}

#[tokio::test]
async fn each_request_has_its_own_boundary() {
    let server = server().await;
    let client = client(&server);
    client.upload().title("a").send().await.unwrap();
    client.upload().title("a").send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let types: Vec<_> = requests
        .iter()
        .map(|r| header(r, "content-type").unwrap())
        .collect();
    assert_eq!(types.len(), 2);
    assert_ne!(types[0], types[1]);
}
