//! Service customizations: what an AWS service's SDK does that its model
//! does not say. aws-sdk-rust has them for a few services; the protocol
//! compliance suite checks three of them (Glacier, API Gateway, Amazon
//! Machine Learning). Each customization is keyed on the service's shape
//! id, decided here and nowhere else, and expressed as data of the IR
//! ([`Customizations`]) that the back end carries out by general means:
//! fixed headers, members filled when empty, payload checksums, an endpoint
//! taken from a member. No emitter knows a service by name.

use crate::ir::*;

/// What a customization does to one operation of its service.
type Customize = fn(&Service, &mut Operation);

/// The services with customizations, by shape id, and what each does.
const CUSTOMIZED: &[(&str, Customize)] = &[
    ("com.amazonaws.glacier#Glacier", glacier),
    (
        "com.amazonaws.apigateway#BackplaneControlService",
        api_gateway,
    ),
    (
        "com.amazonaws.machinelearning#AmazonML_20141212",
        machine_learning,
    ),
];

/// Sets the customizations of `service`'s operations, when it has any.
pub(crate) fn apply(service: &mut Service) {
    let Some((_, customize)) = CUSTOMIZED.iter().find(|(id, _)| *id == service.id) else {
        return;
    };
    let mut operations = std::mem::take(&mut service.operations);
    for op in &mut operations {
        customize(service, op);
    }
    service.operations = operations;
}

/// Amazon Glacier: every request names the API version in
/// `x-amz-glacier-version`; an account id left unset or empty is `-` (the
/// account of the credentials); an upload whose tree hash header is a
/// member gets that header and `x-amz-content-sha256` computed from its
/// payload when the caller has not set them.
fn glacier(service: &Service, op: &mut Operation) {
    if !service.version.is_empty() {
        op.customizations
            .headers
            .push(("x-amz-glacier-version".into(), service.version.clone()));
    }
    for m in &op.input.members {
        if m.name == "accountId" && m.binding == Binding::Label {
            op.customizations
                .fill_when_empty
                .push((m.name.clone(), "-".into()));
        }
    }
    let tree_hash_member = op.input.members.iter().any(|m| {
        matches!(&m.binding, Binding::Header(h) if h.eq_ignore_ascii_case("x-amz-sha256-tree-hash"))
    });
    let has_payload = op
        .input
        .members
        .iter()
        .any(|m| m.binding == Binding::Payload);
    if tree_hash_member && has_payload {
        op.customizations.payload_checksums.extend([
            ("x-amz-content-sha256".into(), PayloadChecksum::Sha256),
            (
                "x-amz-sha256-tree-hash".into(),
                PayloadChecksum::Sha256TreeHash,
            ),
        ]);
    }
}

/// Amazon API Gateway answers in JSON only when asked: every request says
/// `Accept: application/json`.
fn api_gateway(_: &Service, op: &mut Operation) {
    op.customizations
        .headers
        .push(("Accept".into(), "application/json".into()));
}

/// Amazon Machine Learning's `Predict` goes to the endpoint of the model it
/// names, its `PredictEndpoint` member.
fn machine_learning(_: &Service, op: &mut Operation) {
    if op.name == "Predict" && op.input.members.iter().any(|m| m.name == "PredictEndpoint") {
        op.customizations.endpoint_member = Some("PredictEndpoint".into());
    }
}
