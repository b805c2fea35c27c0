//! `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`.
//!
//! Written by hand, as smithy-rs's endpoint library does (there with three
//! regexes): the rule is character classes and two adjacency checks.

use super::host_label::is_valid_host_label;

/// Whether `bucket` can be a virtual host name for S3: a valid host label
/// (dots allowed with `allow_sub_domains`), each label 3 to 63 of `a-z 0-9 -
/// .`, starting and ending with a letter or digit, not an IPv4 address, and
/// no `.-` or `-.`.
pub fn is_virtual_hostable_s3_bucket(bucket: &str, allow_sub_domains: bool) -> bool {
    if !is_valid_host_label(bucket, allow_sub_domains) {
        return false;
    }
    if allow_sub_domains {
        bucket.split('.').all(is_virtual_hostable_segment)
    } else {
        is_virtual_hostable_segment(bucket)
    }
}

fn is_virtual_hostable_segment(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    let edge = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    (3..=63).contains(&bytes.len())
        && edge(bytes[0])
        && edge(bytes[bytes.len() - 1])
        && bytes.iter().all(|&b| edge(b) || b == b'-' || b == b'.')
        && !is_ipv4_like(segment)
        && !segment.contains(".-")
        && !segment.contains("-.")
}

/// `^(\d+\.){3}\d+$`.
fn is_ipv4_like(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert!(is_virtual_hostable_s3_bucket("bucket-name", false));
        assert!(is_virtual_hostable_s3_bucket("abc", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("Bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
        assert!(!is_virtual_hostable_s3_bucket("-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("a.b.c", false));
        assert!(is_virtual_hostable_s3_bucket("abc.def", true));
        assert!(!is_virtual_hostable_s3_bucket("abc.de", true));
        assert!(!is_virtual_hostable_s3_bucket("abc..def", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.1.1", true));
        assert!(!is_virtual_hostable_s3_bucket("a_b_c", false));
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
        assert!(is_virtual_hostable_s3_bucket(&"a".repeat(63), false));
    }
}
