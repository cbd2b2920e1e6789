//! Header values: `{variable}` placeholders and the variables GCP defines.

/// Header variables GCP defines for custom request and response headers (rules/LB002.md
/// gives the sources): general ones, then the mutual TLS ones. `[websocket] header_variables`
/// extends the list.
pub const KNOWN_VARIABLES: [&str; 35] = [
    "cdn_cache_id",
    "cdn_cache_status",
    "origin_request_header",
    "client_rtt_msec",
    "client_region",
    "client_region_subdivision",
    "client_city",
    "client_city_lat_long",
    "client_ip_address",
    "client_port",
    "client_encrypted",
    "client_protocol",
    "device_request_type",
    "server_ip_address",
    "server_port",
    "tls_sni_hostname",
    "tls_version",
    "tls_cipher_suite",
    "tls_ja3_fingerprint",
    "tls_ja4_fingerprint",
    "user_agent_family",
    // Mutual TLS: meaningful when the target HTTPS proxy has a `server_tls_policy`.
    "client_cert_present",
    "client_cert_chain_verified",
    "client_cert_error",
    "client_cert_sha256_fingerprint",
    "client_cert_serial_number",
    "client_cert_spiffe_id",
    "client_cert_uri_sans",
    "client_cert_dnsname_sans",
    "client_cert_valid_not_before",
    "client_cert_valid_not_after",
    "client_cert_issuer_dn",
    "client_cert_subject_dn",
    "client_cert_leaf",
    "client_cert_chain",
];

/// A `{name}` placeholder: the name and the byte range of `{name}` in the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The placeholders of a header value; `{{` and `}}` are escaped braces.
pub fn placeholders(value: &str) -> Vec<Placeholder<'_>> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'{' => match value[i + 1..].find(['}', '{']) {
                Some(rel) if bytes[i + 1 + rel] == b'}' => {
                    let end = i + 1 + rel + 1;
                    out.push(Placeholder {
                        name: &value[i + 1..end - 1],
                        start: i,
                        end,
                    });
                    i = end;
                }
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    out
}

/// Whether GCP (or the config) defines a header variable.
pub fn is_known_variable(name: &str, extra: &[String]) -> bool {
    KNOWN_VARIABLES.contains(&name) || extra.iter().any(|e| e == name)
}

/// The placeholders of a value that GCP does not define.
pub fn unknown_placeholders<'a>(value: &'a str, extra: &[String]) -> Vec<Placeholder<'a>> {
    placeholders(value)
        .into_iter()
        .filter(|p| !is_known_variable(p.name, extra))
        .collect()
}

/// A backend service custom header `"Name: value"`, both parts trimmed, with their byte
/// offsets in the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomHeader<'a> {
    pub name: &'a str,
    pub name_at: usize,
    pub value: &'a str,
    pub value_at: usize,
}

/// Splits a backend service custom header `"Name: value"`; `None` without a colon.
pub fn parse_custom_header(item: &str) -> Option<CustomHeader<'_>> {
    let colon = item.find(':')?;
    let (raw_name, raw_value) = (&item[..colon], &item[colon + 1..]);
    Some(CustomHeader {
        name: raw_name.trim(),
        name_at: raw_name.len() - raw_name.trim_start().len(),
        value: raw_value.trim(),
        value_at: colon + 1 + raw_value.len() - raw_value.trim_start().len(),
    })
}

/// [`parse_custom_header`] as (name, value, value offset).
pub fn split_custom_header(item: &str) -> Option<(&str, &str, usize)> {
    parse_custom_header(item).map(|h| (h.name, h.value, h.value_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_and_skips_escaped_braces() {
        let p = placeholders("{{literal}} {client_region} x{authorization}");
        assert_eq!(
            p,
            vec![
                Placeholder {
                    name: "client_region",
                    start: 12,
                    end: 27
                },
                Placeholder {
                    name: "authorization",
                    start: 29,
                    end: 44
                },
            ]
        );
        assert!(placeholders("no braces, {unclosed").is_empty());
    }

    #[test]
    fn unknown_placeholders_respect_extra_variables() {
        let extra = vec!["my_var".to_string()];
        let names: Vec<&str> = unknown_placeholders("{my_var}{tls_version}{nope}", &extra)
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, vec!["nope"]);
    }

    #[test]
    fn splits_custom_headers() {
        assert_eq!(
            split_custom_header("X-Client-Region:  {client_region}"),
            Some(("X-Client-Region", "{client_region}", 18))
        );
        assert_eq!(split_custom_header("no colon"), None);
        assert_eq!(
            parse_custom_header("  X-A : b"),
            Some(CustomHeader {
                name: "X-A",
                name_at: 2,
                value: "b",
                value_at: 8
            })
        );
    }
}
