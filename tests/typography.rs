//! Chinese text is typeset as Chinese: after a Chinese character comes full-width punctuation
//! (，。：；？！), and brackets around Chinese words, or straight after a Chinese character, are
//! full-width too (（）). Equation numbers and mathematics, as in "梯度 (61)" or "σ′(z)", keep
//! ASCII brackets. Checked in the Chinese chapter page's text and in every string literal of the
//! widgets' words.

use std::fs;

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The places in `text` that break the rule, each with a little of its context.
fn problems(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let context = |from: usize, to: usize| -> String {
        chars[from.saturating_sub(8)..(to + 4).min(chars.len())]
            .iter()
            .collect()
    };
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let after_han = i > 0 && han(chars[i - 1]);
        if ",.:;?!".contains(c) && after_han {
            found.push(context(i, i));
        }
        if c == '(' {
            let mut depth = 0;
            let mut end = chars.len() - 1;
            for (j, &d) in chars.iter().enumerate().skip(i) {
                depth += i32::from(d == '(') - i32::from(d == ')');
                if depth == 0 {
                    end = j;
                    break;
                }
            }
            if after_han || chars[i + 1..end].iter().any(|&d| han(d)) {
                found.push(context(i, end));
            }
        }
    }
    found
}

/// The string literals of Rust source `src` ("…", with escapes; raw strings are not used there).
fn literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    let mut in_comment = false;
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if in_comment {
            in_comment = c != '\n';
        } else if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
        } else if c == '\'' && prev != '\\' {
            // A char literal ('"' among them) or a lifetime: skip a char literal whole.
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\\") {
                chars.nth(2);
            } else if rest.chars().nth(1) == Some('\'') {
                chars.nth(1);
            }
        } else if c == '"' {
            let mut s = String::new();
            while let Some(d) = chars.next() {
                match d {
                    '\\' => {
                        // A line continuation joins the lines; other escapes stand for a char.
                        if chars.peek() == Some(&'\n') {
                            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                                chars.next();
                            }
                        } else {
                            chars.next();
                            s.push('_');
                        }
                    }
                    '"' => break,
                    _ => s.push(d),
                }
            }
            out.push(s);
        }
        prev = c;
    }
    out
}

#[test]
fn the_widgets_chinese_words_take_full_width_punctuation() {
    let mut files = vec!["src/i18n.rs".to_string()];
    for dir in ["src/i18n", "src/web", "src/web/explorer"] {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    let mut found = Vec::new();
    let mut chinese = 0;
    for file in &files {
        for s in literals(&fs::read_to_string(file).unwrap()) {
            chinese += usize::from(s.chars().any(han));
            found.extend(problems(&s).into_iter().map(|p| format!("{file}: {p:?}")));
        }
    }
    assert!(chinese > 100, "only {chinese} Chinese strings found");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_chinese_chapter_page_takes_full_width_punctuation() {
    let page = fs::read_to_string("index.zh.html").unwrap();
    // Its text: without the tags (and the TeX in their attributes), the script and the styles.
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    assert!(text.contains("交叉熵"));
    let found = problems(&text);
    assert!(found.is_empty(), "{}", found.join("\n"));
    // And the rule is the rule: these would be caught.
    assert_eq!(problems("代价(左图)，").len(), 1);
    assert_eq!(problems("输出,代价").len(), 1);
    assert!(problems("梯度 (61)–(62)，σ′(z)。").is_empty());
}
