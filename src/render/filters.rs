//! Filters the themes may use beyond Tera's own.
//!
//! - `json_script`: the value as JSON safe to embed inside `<script>` (for
//!   JSON-LD): `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`.

use tera::{Kwargs, State, Tera, Value};

/// Registers every filter of this module.
pub fn register(tera: &mut Tera) {
    tera.register_filter("json_script", json_script);
}

fn json_script(value: &Value, _: Kwargs, _: &State) -> Value {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    Value::safe_string(&script_safe(&json))
}

/// JSON text made safe inside an HTML `<script>` element.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json() {
        let mut t = Tera::new();
        register(&mut t);
        let mut ctx = tera::Context::new();
        ctx.insert("v", "</script><b>&");
        let out = t.render_str("{{ v | json_script }}", &ctx, true).unwrap();
        assert_eq!(out, "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"");
    }
}
