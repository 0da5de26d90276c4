//! Hostile files get a clear error in bounded time and memory.

use timeline::timeline::{MAX_FILE_BYTES, from_yaml, from_yaml_bytes};

/// Runs a load that must end with an error rather than exhaust memory or
/// time (no timing threshold: a hang shows as a test CI's time limit stops).
fn quick<T>(f: impl FnOnce() -> T) -> T {
    f()
}

fn headlines(src: &str) -> Vec<String> {
    let Err(d) = quick(|| from_yaml(src, "t.yaml")) else {
        panic!("loaded without error");
    };
    d.0.iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn billion_laughs_is_refused() {
    let mut src = String::from(
        "version: 1\nevents: []\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        src.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let h = headlines(&src);
    assert_eq!(
        h[0],
        "3:4: anchors (`&name`) are not supported in timeline files"
    );
    assert!(
        h.iter()
            .any(|l| l == "4:8: aliases (`*name`) are not supported in timeline files")
    );
    // One anchor per line and one diagnostic per alias token: bounded by
    // the file's size, never by the expansion.
    assert_eq!(h.len(), 9 + 8 * 9);
}

#[test]
fn deep_nesting_is_refused() {
    let flow = format!(
        "version: 1\nevents: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let h = headlines(&flow);
    assert_eq!(h, ["2:264: invalid YAML: recursion limit exceeded"]);
    let block = format!("version: 1\nevents:\n  {}x\n", "- ".repeat(10_000));
    assert_eq!(
        headlines(&block),
        ["3:511: invalid YAML: recursion limit exceeded"]
    );
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    let big = "#".repeat(MAX_FILE_BYTES + 1);
    assert_eq!(
        quick(|| from_yaml(&big, "big.yaml"))
            .unwrap_err()
            .to_string(),
        format!(
            "big.yaml:1:1: error: the file is {} bytes; timeline files are limited to {MAX_FILE_BYTES} bytes (64 MiB)\n  = hint: split the timeline into several files",
            MAX_FILE_BYTES + 1
        )
    );
    assert!(quick(|| from_yaml_bytes(big.as_bytes(), "big.yaml")).is_err());
}

#[test]
fn large_but_allowed_file_loads_in_bounded_time() {
    let mut src = String::from("version: 1\nevents:\n");
    for i in 0..20_000 {
        src.push_str(&format!(
            "  - id: e-{i}\n    when: \"2020-01-02\"\n    title: Event number {i}\n"
        ));
    }
    let t = quick(|| from_yaml(&src, "t.yaml")).unwrap();
    assert_eq!(t.events.len(), 20_000);
}

#[test]
fn binary_file_is_refused() {
    let bytes: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
    assert_eq!(
        quick(|| from_yaml_bytes(&bytes, "img.png"))
            .unwrap_err()
            .to_string(),
        "img.png:1:1: error: this is a binary file, not YAML text (it contains a NUL byte)\n  = hint: give the path of a timeline `.yaml` file"
    );
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    let d = from_yaml_bytes(png, "img.png").unwrap_err();
    assert_eq!(
        d.0[0].message,
        "this is a binary file, not YAML text (it contains a NUL byte)"
    );
}

#[test]
fn many_errors_are_capped() {
    let mut src = String::from("version: 1\nevents:\n");
    for i in 0..500 {
        src.push_str(&format!("  - id: e-{i}\n    when: nope\n    title: T\n"));
    }
    let h = headlines(&src);
    assert_eq!(h.len(), 101);
    assert_eq!(h[100], "301:1: 400 more problems not shown");
}

#[test]
fn control_characters_do_not_reach_the_terminal() {
    let src = "version: 1\nevents:\n  - id: a\x1b[31m\n    when: x\n    title: T\n";
    let out = quick(|| from_yaml(src, "t.yaml"));
    let text = out.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn too_many_values_are_refused() {
    // 8 MB, four million values: the tree would need ~400 MB, so reading
    // stops.
    let src = format!("version: 1\nevents: [{}]\n", "a,".repeat(4_100_000));
    let d = from_yaml(&src, "t.yaml").unwrap_err();
    let text = d.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "t.yaml:2:7999996: error: the file has more than 4000000 YAML values; stopped reading here"
    );
    // The excerpt of the 2 MB line is a window around the column.
    assert!(lines[2].chars().count() < 120, "{}", lines[2]);
    assert_eq!(
        lines[4],
        "  = hint: a timeline file holds at most about 100,000 events; split it"
    );
}
