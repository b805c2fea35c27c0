//! The request path without a network: validate; a whole CreateRoom call
//! answered in memory with a 201 (serialize, sign, deserialize) and with a
//! modeled 400 error (error parsing), through each SDK.

use chime_sdk_bench::{aws, ours, static_http, BAD_REQUEST, ROOM};
use criterion::{criterion_group, criterion_main, Criterion};

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    c.bench_function("ours/validate", |b| {
        b.iter(|| {
            let input = chime_sdk::operation::create_room::CreateRoomInput::builder()
                .account_id("acct")
                .name("Team Room")
                .client_request_token("tok-123")
                .build()
                .unwrap();
            input.validate().unwrap();
        })
    });
    for (status, body, name) in [(201, ROOM, "call_201"), (400, BAD_REQUEST, "call_400")] {
        let o = ours("http://localhost", Some(static_http(status, body)));
        let a = aws("http://localhost", Some(static_http(status, body)));
        c.bench_function(&format!("ours/{name}"), |b| {
            b.iter(|| {
                rt.block_on(
                    o.create_room()
                        .account_id("acct")
                        .name("Team Room")
                        .client_request_token("tok-123")
                        .send(),
                )
                .is_ok()
            })
        });
        c.bench_function(&format!("aws/{name}"), |b| {
            b.iter(|| {
                rt.block_on(
                    a.create_room()
                        .account_id("acct")
                        .name("Team Room")
                        .client_request_token("tok-123")
                        .send(),
                )
                .is_ok()
            })
        });
    }
}

criterion_group!(name = request_path; config = Criterion::default().sample_size(30); targets = benches);
criterion_main!(request_path);
