//! The operator's firmware catalogues over real HTTP (issue 17): `--catalogs DIR` serves each
//! `NAME.json`, with sensible caching and no 5xx on anything; a folder the portal cannot use
//! stops the start; a request carries its analysis, re-checked, and the desk reads it back.

mod common;
mod desk_support;

use std::path::{Path, PathBuf};

use common::{config, TestServer};
use desk_support::{add_staff, sign_in};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/firmware")
        .join(name)
}

/// A catalogue folder: the Gen10 fixture as "SPP 2025.07.00.00", and a repository index with
/// one broken package (served with its problem).
fn catalog_dir(dir: &Path) -> PathBuf {
    let catalogs = dir.join("catalogs");
    std::fs::create_dir_all(&catalogs).unwrap();
    std::fs::copy(
        fixture("fwrepo_gen10.json"),
        catalogs.join("SPP 2025.07.00.00.json"),
    )
    .unwrap();
    std::fs::write(
        catalogs.join("Gen10 repository.json"),
        json!({
            "ilo5_272.fwpkg": {"version": "2.72", "date": "20220902",
                "target": ["00000000-0000-0000-0000-000000000204"],
                "reboot_required": "no", "server_power_off": "no"},
            "broken.fwpkg": {"version": "1.0"}
        })
        .to_string(),
    )
    .unwrap();
    std::fs::write(catalogs.join("notes.txt"), "not a catalogue").unwrap();
    catalogs
}

async fn start(dir: &TempDir) -> TestServer {
    let mut config = config(dir.path());
    config.catalogs = Some(catalog_dir(dir.path()));
    config.desk.desk_sign_in_burst = 10_000;
    TestServer::start_with(config).await
}

#[tokio::test]
async fn every_catalogue_is_listed_and_served_with_cache_headers() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();

    let response = client
        .get(server.url("/api/catalogs"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    let list: Value = response.json().await.unwrap();
    assert_eq!(
        list,
        json!({"catalogs": [
            {"name": "Gen10 repository", "packages": 1, "latest_date": "20220902"},
            {"name": "SPP 2025.07.00.00", "packages": 12, "latest_date": "20240621"}
        ]})
    );

    let url = server.url("/api/catalogs/SPP%202025.07.00.00");
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "public, max-age=300");
    assert_eq!(response.headers()["content-type"], "application/json");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 66, "{etag}");
    let catalog: Value = response.json().await.unwrap();
    assert_eq!(catalog["name"], "SPP 2025.07.00.00");
    assert_eq!(catalog["packages"].as_array().unwrap().len(), 12);
    assert_eq!(catalog["problems"], json!([]));

    let again = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"], etag.as_str());
    let other = client
        .get(&url)
        .header("if-none-match", "\"something else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);

    let repository: Value = client
        .get(server.url("/api/catalogs/Gen10%20repository"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(repository["problems"][0]["code"], "missing_field");
    assert_eq!(repository["problems"][0]["package"], "broken.fwpkg");
    server.shutdown().await;
}

#[tokio::test]
async fn unknown_and_hostile_names_are_404_never_5xx() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let long = "x".repeat(5000);
    for path in [
        "/api/catalogs/nothing",
        "/api/catalogs/notes",
        "/api/catalogs/%FF%FE",
        "/api/catalogs/..%2F..%2Fetc%2Fpasswd",
        "/api/catalogs/SPP%202025.07.00.00.json",
        &format!("/api/catalogs/{long}"),
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "catalog_not_found", "{path}");
        assert!(!body["message_ja"].as_str().unwrap().is_empty());
    }
    let response = client
        .post(server.url("/api/catalogs"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let doc: Value = client
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["paths"]["/api/catalogs"]["get"].is_object());
    assert!(doc["paths"]["/api/catalogs/{name}"]["get"].is_object());
    assert!(doc["components"]["schemas"]["AnalysisDraft"].is_object());
    server.shutdown().await;
}

#[tokio::test]
async fn without_catalogs_the_list_is_empty() {
    let dir = TempDir::new().unwrap();
    let server = TestServer::start(dir.path()).await;
    let client = reqwest::Client::new();
    let list: Value = client
        .get(server.url("/api/catalogs"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!({"catalogs": []}));
    server.shutdown().await;
}

#[tokio::test]
async fn a_folder_the_portal_cannot_use_stops_the_start() {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(
        bad.join("Broken.json"),
        "{\"a.fwpkg\": {\"version\": \"1\"}}",
    )
    .unwrap();
    let mut config = config(dir.path());
    config.catalogs = Some(bad.clone());
    let error = fwportal_server::startup::Server::bind(config)
        .await
        .err()
        .expect("refused");
    assert!(format!("{error:#}").contains("Broken.json"), "{error:#}");

    let many = dir.path().join("many");
    std::fs::create_dir_all(&many).unwrap();
    for i in 0..=fwportal_server::catalogs::MAX_CATALOGS {
        std::fs::copy(
            fixture("fwrepo_gen10.json"),
            many.join(format!("SPP {i}.json")),
        )
        .unwrap();
    }
    let mut config = common::config(dir.path());
    config.catalogs = Some(many);
    let error = fwportal_server::startup::Server::bind(config)
        .await
        .err()
        .expect("refused");
    assert!(format!("{error:#}").contains("at most 20"), "{error:#}");

    let mut config = common::config(dir.path());
    config.catalogs = Some(dir.path().join("missing"));
    assert!(fwportal_server::startup::Server::bind(config)
        .await
        .is_err());
}

/// The DL360's analysis as the app computes it, for the request's one server.
fn analysed_body(contract: &str) -> Value {
    use fwportal_core::firmware::{analyse_report, parse_catalog};
    use fwportal_core::inventory::{merge, parse_named};
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let catalog = parse_catalog("SPP", &read("fwrepo_gen10.json"));
    let inventory = merge([
        parse_named("s.json", &read("dl360_gen10_system.json")),
        parse_named("f.json", &read("dl360_gen10_firmware_inventory.json")),
    ]);
    let analysis = fwportal_core::request::AnalysisDraft::from_report(
        "SPP 2025.07.00.00",
        &analyse_report(&catalog, &inventory),
    );
    let mut body = common::valid_body(contract);
    body["servers"] = json!([{"model": "ProLiant DL360 Gen10", "serial_number": "JPE0360XYZ",
        "firmware": [{"name": "iLO 5", "version": "2.55 Oct 01 2021"}]}]);
    body["target_version"] = json!("SPP 2025.07.00.00");
    body["analysis"] = serde_json::to_value(analysis).unwrap();
    body
}

#[tokio::test]
async fn c2_the_analysis_goes_with_the_request_and_the_desk_reads_it() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let body = analysed_body("PC-ANALYSIS-1");
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap();

    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let view = desk.request(&client, reference).await;
    let analysis = &view["request"]["analysis"];
    assert_eq!(analysis["catalog"], "SPP 2025.07.00.00");
    assert_eq!(analysis, &body["analysis"]);
    let rows = analysis["servers"][0]["components"].as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["name"] == "HPE Smart Array P408i-a SR Gen10" && r["two_step"] == true));

    // The customer's own look-up returns it too.
    let token = created["access_token"].as_str().unwrap();
    let mine: Value = client
        .get(server.url(&format!("/api/requests/{reference}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["request"]["analysis"], body["analysis"]);
    server.shutdown().await;
}

#[tokio::test]
async fn c2_the_server_rechecks_the_analysis() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();

    let mut body = analysed_body("PC-ANALYSIS-2");
    let rows = body["analysis"]["servers"][0]["components"]
        .as_array_mut()
        .unwrap();
    let tpm = rows
        .iter()
        .position(|r| r["name"] == "TPM Firmware")
        .unwrap();
    rows[tpm]["action"] = json!("update");
    let response = server.submit(&client, &body).await;
    let problem = first_problem(response).await;
    assert_eq!(
        problem["field"],
        format!("analysis.servers[0].components[{tpm}].action")
    );
    assert_eq!(problem["code"], "analysis_mismatch");

    let mut body = analysed_body("PC-ANALYSIS-3");
    body["analysis"]["servers"][0]["components"][0]["two_step"] = json!("yes");
    let response = server.submit(&client, &body).await;
    assert!(
        response.status() == StatusCode::UNPROCESSABLE_ENTITY
            || response.status() == StatusCode::BAD_REQUEST,
        "{}",
        response.status()
    );
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}

/// What the app keeps of the DL360's import and sends to `POST …/analysis`.
/// The first problem of an answer that must be `422`.
async fn first_problem(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = response.json().await.unwrap();
    refused["problems"][0].clone()
}

fn imported_dl360() -> Value {
    use fwportal_core::firmware::imported::ImportedInventory;
    use fwportal_core::inventory::{merge, parse_named};
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let report = merge([
        parse_named("s.json", &read("dl360_gen10_system.json")),
        parse_named("f.json", &read("dl360_gen10_firmware_inventory.json")),
    ]);
    serde_json::to_value(ImportedInventory::from_report(&report, |_| true)).unwrap()
}

const ANALYSIS_URL: &str = "/api/catalogs/SPP%202025.07.00.00/analysis";

#[tokio::test]
async fn c1_an_operator_catalogue_analyses_the_imported_servers_and_the_request_carries_it() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();

    let response = client
        .post(server.url(ANALYSIS_URL))
        .json(&imported_dl360())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // Serial numbers: never kept by a cache.
    assert_eq!(response.headers()["cache-control"], "no-store");
    let analysis: Value = response.json().await.unwrap();
    assert_eq!(analysis["catalog"], "SPP 2025.07.00.00");
    assert_eq!(analysis["operator"], true);
    // Exactly what the browser computes for a dropped fwrepo.json of the same catalogue.
    let browser = analysed_body("PC-UNUSED");
    assert_eq!(analysis["servers"], browser["analysis"]["servers"]);
    let rows = analysis["servers"][0]["components"].as_array().unwrap();
    let ipad = rows
        .iter()
        .find(|r| r["name"] == "Intelligent Platform Abstraction Data")
        .unwrap();
    assert_eq!(ipad["action"], "update");
    assert_eq!(
        ipad["package"],
        "IEGen10_PlatformDefinitionTable_14.5.0.fwpkg"
    );

    // The request carries the answer as it is; the server re-checks it against its catalogue.
    let mut body = analysed_body("PC-OPERATOR-1");
    body["analysis"] = analysis.clone();
    let response = server.submit(&client, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let uri = add_staff(&server.database, "desk@example.co.jp", "受付 花子", "desk");
    let desk = sign_in(&client, &server, "desk@example.co.jp", &uri).await;
    let view = desk
        .request(&client, created["reference"].as_str().unwrap())
        .await;
    assert_eq!(view["request"]["analysis"]["operator"], true);
    assert_eq!(view["request"]["analysis"]["servers"], analysis["servers"]);
    server.shutdown().await;
}

#[tokio::test]
async fn r12_c2_an_operator_analysis_with_altered_package_facts_is_refused() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let analysis: Value = client
        .post(server.url(ANALYSIS_URL))
        .json(&imported_dl360())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    // A power-off the operator's catalogue asks for, claimed away (R12).
    let mut body = analysed_body("PC-OPERATOR-2");
    body["analysis"] = analysis.clone();
    let rows = body["analysis"]["servers"][0]["components"]
        .as_array_mut()
        .unwrap();
    let cpld = rows
        .iter()
        .position(|r| r["name"] == "System Programmable Logic Device")
        .unwrap();
    assert_eq!(rows[cpld]["power_off_required"], true);
    rows[cpld]["power_off_required"] = json!(false);
    let response = server.submit(&client, &body).await;
    let problem = first_problem(response).await;
    assert_eq!(
        problem["field"],
        format!("analysis.servers[0].components[{cpld}].package")
    );
    assert_eq!(problem["code"], "analysis_mismatch");

    // A catalogue the portal does not publish, named as the operator's.
    let mut body = analysed_body("PC-OPERATOR-3");
    body["analysis"] = analysis;
    body["analysis"]["catalog"] = json!("SPP 2099.01.00.00");
    let response = server.submit(&client, &body).await;
    let problem = first_problem(response).await;
    assert_eq!(problem["field"], "analysis.catalog");
    assert_eq!(problem["code"], "invalid_choice");
    assert!(problem["message_ja"]
        .as_str()
        .unwrap()
        .contains("SPP 2099.01.00.00"));
    assert_eq!(server.stored_count().await, 0);
    server.shutdown().await;
}

#[tokio::test]
async fn hostile_analysis_input_is_refused_never_5xx() {
    let dir = TempDir::new().unwrap();
    let server = start(&dir).await;
    let client = reqwest::Client::new();
    let post_json = |url: String, body: Value| client.post(url).json(&body).send();

    // An unknown catalogue: 404 with a message in both languages.
    for path in [
        "/api/catalogs/nothing/analysis",
        "/api/catalogs/%FF%FE/analysis",
        "/api/catalogs/..%2Fetc/analysis",
    ] {
        let response = post_json(server.url(path), imported_dl360()).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "catalog_not_found");
        assert!(!body["message_ja"].as_str().unwrap().is_empty());
        assert!(!body["message_en"].as_str().unwrap().is_empty());
    }

    // Bodies that are not an inventory.
    for (body, status) in [
        (json!([]), StatusCode::BAD_REQUEST),
        (json!("servers"), StatusCode::BAD_REQUEST),
        (json!({"servers": {}}), StatusCode::BAD_REQUEST),
        (
            json!({"servers": [{"serial_number": 5, "components": []}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"servers": [{"serial_number": "JPE0360XYZ", "components": [{"name": "iLO 5", "targets": ["x"]}]}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({"servers": [{"serial_number": "", "components": []}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let response = post_json(server.url(ANALYSIS_URL), body.clone())
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(response.headers()["cache-control"], "no-store");
    }
    let response = client
        .post(server.url(ANALYSIS_URL))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Over the component limit: one 422, the analysis never run.
    let row = json!({"name": "iLO 5", "version": "2.55"});
    let many = json!({"servers": [{"serial_number": "JPE0360XYZ",
        "components": vec![row; fwportal_core::firmware::imported::MAX_ANALYSED_COMPONENTS + 1]}]});
    let response = post_json(server.url(ANALYSIS_URL), many).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused: Value = response.json().await.unwrap();
    assert_eq!(refused["problems"].as_array().unwrap().len(), 1);
    assert_eq!(refused["problems"][0]["code"], "too_many");

    // Over the body limit (1 MiB; the other routes keep 64 KiB).
    let huge = json!({"servers": [{"serial_number": "JPE0360XYZ",
        "components": [{"name": "x".repeat(1_100_000)}]}]});
    let response = post_json(server.url(ANALYSIS_URL), huge).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // …and a 200 KiB inventory is read (it would be refused elsewhere).
    let wide = json!({"servers": [{"serial_number": "JPE0360XYZ",
        "components": vec![json!({"name": "y".repeat(200), "version": "1.0"}); 1000]}]});
    let response = post_json(server.url(ANALYSIS_URL), wide).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let response = client.get(server.url(ANALYSIS_URL)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);

    let doc: Value = client
        .get(server.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let operation = &doc["paths"]["/api/catalogs/{name}/analysis"]["post"];
    assert!(operation["responses"]["422"].is_object(), "{operation}");
    assert!(operation["responses"]["404"].is_object());
    assert!(doc["components"]["schemas"]["ImportedInventory"].is_object());
    server.shutdown().await;
}
