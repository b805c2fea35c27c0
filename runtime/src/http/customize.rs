//! What service customizations do to a request (the generator's
//! `customize` phase decides which service uses which): fixed headers,
//! headers computed from the payload, and an endpoint taken from an input
//! member.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use sha2::{Digest, Sha256};

/// Sets a header unless the request already has it (a member bound to the
/// same header wins over the customization).
pub fn set_header_if_absent(
    request: &mut HttpRequest,
    name: &'static str,
    value: &'static str,
) -> Result<(), BoxError> {
    if !request.headers().contains_key(name) {
        request.headers_mut().try_insert(name, value)?;
    }
    Ok(())
}

/// A header value computed from the payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadChecksum {
    /// SHA-256 of the payload, lower-case hex.
    Sha256,
    /// SHA-256 tree hash of the payload ([`tree_hash`]), lower-case hex.
    Sha256TreeHash,
}

/// Sets each `(header, checksum)` the request has not set, computed from
/// its payload. A payload not in memory (a file stream, say) cannot be
/// hashed without reading it twice: then the request is refused before
/// sending, naming the header to set.
pub fn payload_checksums(
    request: &mut HttpRequest,
    checksums: &[(&'static str, PayloadChecksum)],
) -> Result<(), BoxError> {
    let missing: Vec<_> = checksums
        .iter()
        .filter(|(name, _)| !request.headers().contains_key(*name))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // Hashed where the body lies (an archive may be gigabytes): the
    // values are computed before the headers are changed.
    let values: Vec<(&'static str, String)> = match request.body().bytes() {
        Some(bytes) => missing
            .iter()
            .map(|(name, checksum)| {
                let value = match checksum {
                    PayloadChecksum::Sha256 => hex::encode(Sha256::digest(bytes)),
                    PayloadChecksum::Sha256TreeHash => hex::encode(tree_hash(bytes)),
                };
                (*name, value)
            })
            .collect(),
        None => {
            let names: Vec<&str> = missing.iter().map(|(name, _)| *name).collect();
            return Err(format!(
                "the payload is a stream not in memory, so {} cannot be computed: set the checksum member, or send the payload from memory",
                names.join(" and ")
            )
            .into());
        }
    };
    for (name, value) in values {
        request.headers_mut().try_insert(name, value)?;
    }
    Ok(())
}

/// The SHA-256 tree hash Amazon Glacier checks uploads with: the SHA-256 of
/// each 1 MiB chunk, then the SHA-256 of each adjacent pair's
/// concatenation (an odd last hash carried up as it is), until one is left.
/// An empty payload is the hash of nothing. Written here because no crate
/// of the smithy-rs runtime exposes it (aws-sdk-glacier keeps its own
/// private copy).
pub fn tree_hash(payload: &[u8]) -> [u8; 32] {
    const CHUNK: usize = 1024 * 1024;
    let mut level: Vec<[u8; 32]> = if payload.is_empty() {
        vec![Sha256::digest(payload).into()]
    } else {
        payload
            .chunks(CHUNK)
            .map(|chunk| Sha256::digest(chunk).into())
            .collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => {
                    let mut hasher = Sha256::new();
                    hasher.update(a);
                    hasher.update(b);
                    hasher.finalize().into()
                }
                // The odd one out, carried up as it is.
                _ => pair[0],
            })
            .collect();
    }
    level[0]
}

/// The endpoint an input member chose for its request, carried from the
/// serializer to the attempt (see [`set_endpoint_override`]).
#[derive(Clone, Debug)]
pub(crate) struct EndpointOverride(pub(crate) http::Uri);

impl aws_smithy_types::config_bag::Storable for EndpointOverride {
    type Storer = aws_smithy_types::config_bag::StoreReplace<Self>;
}

/// Sends the request to `url` (its scheme, host and port; its path goes
/// before the operation's) instead of the resolved endpoint, when the
/// member is set and not empty. A value that is not an absolute URL is
/// refused before sending. SigV4 signs the request for the host it goes to.
pub fn set_endpoint_override(
    request: &mut HttpRequest,
    member: &str,
    url: Option<String>,
) -> Result<(), BoxError> {
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(());
    };
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("{member} is not a URL ({e})"))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(
            format!("{member} is not an absolute URL: it needs a scheme and a host").into(),
        );
    }
    request.add_extension(EndpointOverride(uri));
    Ok(())
}

/// `request`'s URI with the scheme and authority of `endpoint`, and its path
/// after `endpoint`'s.
pub(crate) fn apply_endpoint_override(
    request: &mut HttpRequest,
    endpoint: &EndpointOverride,
) -> Result<(), BoxError> {
    let current: http::Uri = request.uri().parse()?;
    let base = endpoint.0.path().trim_end_matches('/');
    let path = current.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let uri = http::Uri::builder()
        .scheme(endpoint.0.scheme_str().unwrap_or("https"))
        .authority(
            endpoint
                .0
                .authority()
                .map(|a| a.as_str())
                .unwrap_or_default(),
        )
        .path_and_query(format!("{base}{path}"))
        .build()?;
    request.set_uri(uri.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glacier's documented property: below 1 MiB the tree hash is the
    /// plain SHA-256; above, it is the hash of the chunk hashes.
    #[test]
    fn tree_hash_of_one_chunk_is_the_sha256_and_of_more_the_hash_of_hashes() {
        let small = b"hello world";
        assert_eq!(tree_hash(small), <[u8; 32]>::from(Sha256::digest(small)));

        let big = vec![7u8; 3 * 1024 * 1024 + 5];
        let h: Vec<[u8; 32]> = big
            .chunks(1024 * 1024)
            .map(|c| Sha256::digest(c).into())
            .collect();
        let pair = |a: &[u8; 32], b: &[u8; 32]| -> [u8; 32] {
            let mut s = Sha256::new();
            s.update(a);
            s.update(b);
            s.finalize().into()
        };
        // Four leaves: ((0,1),(2,3)).
        let expected = pair(&pair(&h[0], &h[1]), &pair(&h[2], &h[3]));
        assert_eq!(tree_hash(&big), expected);

        // Three leaves: the odd one is carried up unchanged.
        let three = vec![1u8; 2 * 1024 * 1024 + 1];
        let h: Vec<[u8; 32]> = three
            .chunks(1024 * 1024)
            .map(|c| Sha256::digest(c).into())
            .collect();
        assert_eq!(tree_hash(&three), pair(&pair(&h[0], &h[1]), &h[2]));
    }

    #[test]
    fn payload_checksums_fill_what_is_unset_and_refuse_a_stream_not_in_memory() {
        let checks = [
            ("x-amz-content-sha256", PayloadChecksum::Sha256),
            ("x-amz-sha256-tree-hash", PayloadChecksum::Sha256TreeHash),
        ];
        let sha = hex::encode(Sha256::digest(b"hello world"));

        // Both computed from a body in memory.
        let mut request = HttpRequest::new(aws_smithy_types::body::SdkBody::from("hello world"));
        payload_checksums(&mut request, &checks).unwrap();
        assert_eq!(
            request.headers().get("x-amz-content-sha256"),
            Some(sha.as_str())
        );
        assert_eq!(
            request.headers().get("x-amz-sha256-tree-hash"),
            Some(sha.as_str())
        );

        // A header the caller set (the `checksum` member) is kept.
        let mut request = HttpRequest::new(aws_smithy_types::body::SdkBody::from("hello world"));
        request
            .headers_mut()
            .insert("x-amz-sha256-tree-hash", "given");
        payload_checksums(&mut request, &checks).unwrap();
        assert_eq!(
            request.headers().get("x-amz-sha256-tree-hash"),
            Some("given")
        );
        assert_eq!(
            request.headers().get("x-amz-content-sha256"),
            Some(sha.as_str())
        );

        // A stream not in memory cannot be hashed: refused, naming what to set.
        let stream = aws_smithy_types::body::SdkBody::from_body_1_x(http_body_util::Empty::<
            bytes::Bytes,
        >::new());
        let mut request = HttpRequest::new(stream);
        let err = payload_checksums(&mut request, &checks).unwrap_err();
        assert!(
            err.to_string()
                .contains("x-amz-content-sha256 and x-amz-sha256-tree-hash"),
            "{err}"
        );
        // With both set by the caller there is nothing to compute.
        let stream = aws_smithy_types::body::SdkBody::from_body_1_x(http_body_util::Empty::<
            bytes::Bytes,
        >::new());
        let mut request = HttpRequest::new(stream);
        request.headers_mut().insert("x-amz-content-sha256", "a");
        request.headers_mut().insert("x-amz-sha256-tree-hash", "b");
        payload_checksums(&mut request, &checks).unwrap();
    }

    #[test]
    fn a_fixed_header_does_not_replace_one_a_member_set() {
        let mut request = HttpRequest::empty();
        request.headers_mut().insert("accept", "text/plain");
        set_header_if_absent(&mut request, "Accept", "application/json").unwrap();
        assert_eq!(request.headers().get("accept"), Some("text/plain"));
        let mut request = HttpRequest::empty();
        set_header_if_absent(&mut request, "Accept", "application/json").unwrap();
        assert_eq!(request.headers().get("accept"), Some("application/json"));
    }

    #[test]
    fn an_endpoint_member_must_be_an_absolute_url() {
        let mut request = HttpRequest::empty();
        let err = set_endpoint_override(&mut request, "PredictEndpoint", Some("not a url".into()))
            .unwrap_err();
        assert!(err.to_string().contains("PredictEndpoint"), "{err}");
        let err = set_endpoint_override(&mut request, "PredictEndpoint", Some("/path".into()))
            .unwrap_err();
        assert!(err.to_string().contains("absolute"), "{err}");
        set_endpoint_override(&mut request, "PredictEndpoint", None).unwrap();
        assert!(request.extension::<EndpointOverride>().is_none());
    }

    #[test]
    fn an_endpoint_override_keeps_the_operation_path_after_its_own() {
        let mut request = HttpRequest::empty();
        request.set_uri("https://example.com/a/b?x=1").unwrap();
        let over = EndpointOverride("https://custom.example.com:8443/base/".parse().unwrap());
        apply_endpoint_override(&mut request, &over).unwrap();
        assert_eq!(
            request.uri(),
            "https://custom.example.com:8443/base/a/b?x=1"
        );
    }
}
