//! HTML for the dashboard: escaping, the page frame, small parts. Every
//! piece of text that came from a person or the database goes through
//! [`esc`].

use gocua_core::Language;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page frame: language, title, the signed-in person, the body.
pub fn page(
    lang: Language,
    title: &str,
    signed_in: Option<(&str, &str)>,
    body: &str,
    tr: &dyn Fn(&str) -> String,
) -> String {
    let code = lang.code();
    let other = match lang {
        Language::Vi => ("en", "English"),
        Language::En => ("vi", "Tiếng Việt"),
    };
    let user = match signed_in {
        Some((name, csrf)) => format!(
            r#"<span class="who">{name}</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{csrf}"><button type="submit">{logout}</button></form>"#,
            name = esc(name),
            csrf = esc(csrf),
            logout = esc(&tr("hub-web-logout")),
        ),
        None => String::new(),
    };
    format!(
        r##"<!doctype html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — Gõ Cửa</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip" href="#main">{skip}</a>
<header>
<p class="brand">Gõ Cửa · {hub}</p>
<nav aria-label="{tools}">
<a href="/lang/{other_code}" lang="{other_code}">{other_name}</a>
{user}
</nav>
</header>
<main id="main">
<h1>{title}</h1>
{body}
</main>
</body>
</html>"##,
        title = esc(title),
        skip = esc(&tr("hub-web-skip")),
        hub = esc(&tr("hub-web-brand")),
        tools = esc(&tr("hub-web-tools")),
        other_code = other.0,
        other_name = other.1,
    )
}

/// The stylesheet (served as a file: the pages carry no inline style, so
/// the content security policy can forbid it).
pub const STYLE: &str = r#"
:root { --red: #c8102e; --ink: #0b0c0c; --muted: #484949; --line: #b1b4b6; --ok: #00703c; --focus: #ffdd00; }
* { box-sizing: border-box; }
body { margin: 0; font: 18px/1.45 system-ui, "Noto Sans", sans-serif; color: var(--ink); background: #f3f2f1; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem;
  background: var(--red); color: #fff; padding: 0.5rem 1.25rem; }
header a, header .who { color: #fff; }
.brand { margin: 0; font-weight: 700; font-size: 1.2rem; }
nav { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.8rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 1.5rem 0 0.5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 0.5rem; padding: 1rem 1.25rem; margin: 1rem 0; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; padding: 0; list-style: none; }
.tiles li { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--red); border-radius: 0.4rem; padding: 0.6rem 0.9rem; }
.tiles .n { display: block; font-size: 1.9rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
label { display: block; font-weight: 600; margin-top: 0.6rem; }
input, select { font: inherit; padding: 0.45rem; border: 2px solid var(--ink); border-radius: 0.25rem; min-width: 18rem; max-width: 100%; }
button { font: inherit; padding: 0.45rem 1rem; border: 2px solid var(--ink); border-radius: 0.3rem; background: #fff; color: var(--ink); cursor: pointer; margin-top: 0.6rem; min-height: 2.5rem; }
button.primary { background: var(--ok); border-color: var(--ok); color: #fff; font-weight: 700; }
header button { border-color: #fff; background: transparent; color: #fff; margin: 0; min-height: 2rem; padding: 0.15rem 0.7rem; }
form.inline { display: inline; }
a { color: #1d4ed8; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.error { color: var(--red); font-weight: 700; }
.ok { color: var(--ok); font-weight: 700; }
.muted { color: var(--muted); }
.code { font-family: monospace; word-break: break-all; font-size: 1.05rem; background: #f3f2f1; padding: 0.5rem; }
.skip { position: absolute; left: 0.5rem; top: -3rem; background: var(--focus); color: var(--ink); padding: 0.5rem 1rem; }
.skip:focus { top: 0.5rem; }
svg.chart { width: 100%; height: auto; max-height: 14rem; }
svg.chart rect { fill: var(--red); }
svg.qr { width: 14rem; height: 14rem; }
"#;

/// Tiles of (label, figure).
pub fn tiles(items: &[(String, String)]) -> String {
    let mut out = String::from(r#"<ul class="tiles" data-testid="tiles">"#);
    for (label, value) in items {
        out.push_str(&format!(
            r#"<li><span class="n">{}</span>{}</li>"#,
            esc(value),
            esc(label)
        ));
    }
    out.push_str("</ul>");
    out
}

/// A bar chart of (label, value), with a text alternative.
pub fn bars(title: &str, items: &[(String, u32)]) -> String {
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let width = 20 * items.len().max(1);
    let mut rects = String::new();
    for (i, (label, v)) in items.iter().enumerate() {
        let h = (f64::from(*v) / f64::from(max) * 100.0).round();
        rects.push_str(&format!(
            r#"<rect x="{x}" y="{y}" width="16" height="{h}"><title>{label}: {v}</title></rect>"#,
            x = i * 20 + 2,
            y = 100.0 - h,
            label = esc(label),
        ));
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {width} 100" role="img" aria-label="{title}" preserveAspectRatio="none">{rects}</svg>"#,
        title = esc(title)
    )
}

/// A number in the page's language (`12.345` in Vietnamese).
pub fn num(n: i64, lang: Language) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Language::Vi => '.',
        Language::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A percentage with one decimal.
pub fn pct(p: Option<f64>, lang: Language) -> String {
    match p {
        None => "—".into(),
        Some(p) => {
            let s = format!("{p:.1}");
            match lang {
                Language::Vi => format!("{} %", s.replace('.', ",")),
                Language::En => format!("{s}%"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_shown_not_run() {
        assert_eq!(
            esc(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn numbers_read_as_each_language_writes_them() {
        assert_eq!(num(1_234_567, Language::Vi), "1.234.567");
        assert_eq!(num(1_234, Language::En), "1,234");
        assert_eq!(num(12, Language::Vi), "12");
        assert_eq!(pct(Some(95.25), Language::Vi), "95,2 %");
        assert_eq!(pct(None, Language::En), "—");
    }
}
