//! A plain rendering of the bundled content, used by the search tests only
//! while the real renderer (src/site/) still writes placeholder pages. It
//! shows every text of the model once, with the anchors the real site gives
//! (Q&A, steps, sections), so search can be tested on realistic pages.
//! Delete it once `tebiki build` writes full pages.

use std::fmt::Write as _;
use std::path::Path;

use tebiki::model::{Guide, Markdown, Municipality};

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn md(text: &Markdown) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new(text.as_str()).map(|e| match e {
        pulldown_cmark::Event::Html(t) | pulldown_cmark::Event::InlineHtml(t) => {
            pulldown_cmark::Event::Text(t)
        }
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

fn mds(items: &[Markdown]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let lis: String = items
        .iter()
        .map(|i| format!("<li>{}</li>", md(i)))
        .collect();
    format!("<ul>{lis}</ul>")
}

fn page(out: &Path, url: &str, title: &str, city: Option<&str>, body: &str) {
    let depth = url.matches('/').count();
    let root = "../".repeat(depth);
    let nav = match city {
        Some(c) => format!(
            "<nav><a href=\"{root}index.html\">トップ</a> › {}</nav>",
            esc(c)
        ),
        None => format!("<nav><a href=\"{root}index.html\">トップ</a></nav>"),
    };
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{t}｜{site}</title></head>\n<body><header>{nav}</header><main id=\"main\"><h1>{t}</h1>\n{body}</main><footer>地域生活支援拠点等の手引き</footer></body></html>\n",
        t = esc(title),
        site = esc(city.unwrap_or("地域生活支援拠点等")),
    );
    let path = out.join(url);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, html).unwrap();
}

fn addon_name(guide: &Guide, id: &str) -> String {
    guide.addon(id).map_or(id.to_string(), |a| a.name.clone())
}

fn org_name(city: &Municipality, id: &str) -> String {
    city.organisation(id)
        .map_or(id.to_string(), |o| o.name.clone())
}

/// Writes the stand-in site for `guide` into `out`.
pub fn render(guide: &Guide, out: &Path) {
    let mut portal = String::from("<ul>");
    for city in &guide.cities {
        let _ = write!(
            portal,
            "<li><a href=\"{0}/index.html\">{1}</a></li>",
            city.id(),
            esc(&city.city.name)
        );
        render_city(guide, city, out);
    }
    portal.push_str("</ul>");
    page(
        out,
        "index.html",
        "地域生活支援拠点等の手引き",
        None,
        &portal,
    );
    for addon in &guide.national.addons {
        let mut body = md(&addon.summary);
        let _ = write!(body, "<p>{}</p>", esc(&addon.services.join("・")));
        if let Some(note) = &addon.claimant_note {
            let _ = write!(body, "<p>算定できる事業所：{}</p>", esc(note));
        }
        body.push_str("<h2 id=\"values\">単位数と要件</h2>");
        for value in &addon.values {
            let _ = write!(body, "<h3>{}</h3>", esc(value.revision.get_ref()));
            if let Some(units) = &value.units {
                let per = value.per.map_or("", |p| p.label());
                let _ = write!(body, "<p>{}単位／{per}</p>", units.get_ref());
            }
            if let Some(cap) = &value.cap {
                let _ = write!(body, "<p>{}</p>", esc(&cap.label()));
            }
            for c in &value.conditions {
                let _ = write!(body, "<p>{}</p>", esc(c));
            }
            for v in &value.variants {
                let units = v.units.as_ref().map_or(0, |u| *u.get_ref());
                let _ = write!(body, "<p>{}：{units}単位</p>", esc(&v.label));
            }
        }
        if !addon.records.is_empty() {
            body.push_str("<h2 id=\"records\">算定時に記録する事項</h2><ul>");
            for r in &addon.records {
                let _ = write!(body, "<li>{}</li>", esc(r));
            }
            body.push_str("</ul>");
        }
        page(
            out,
            &format!("national/addons/{}.html", addon.id.get_ref()),
            &addon.name,
            None,
            &body,
        );
    }
    let mut body = String::new();
    for m in &guide.national.monitoring {
        let _ = write!(
            body,
            "<section id=\"{}\"><h2>{}</h2>{}<p>{}か月ごと</p></section>",
            m.id.get_ref(),
            esc(&m.group),
            md(&m.who),
            m.months.get_ref()
        );
    }
    page(
        out,
        "national/monitoring.html",
        "標準的なモニタリング期間",
        None,
        &body,
    );
}

fn render_city(guide: &Guide, city: &Municipality, out: &Path) {
    let id = city.id();
    let name = Some(city.city.name.as_str());
    let info = &city.city;
    let mut body = md(&info.purpose);
    let _ = write!(
        body,
        "<h2 id=\"development\">整備の型：{}</h2>{}",
        esc(info.development.kind.as_deref().unwrap_or("")),
        md(&info.development.description)
    );
    if let Some(c) = &info.coordinator {
        let _ = write!(
            body,
            "<h2 id=\"coordinator\">拠点コーディネーター（{}）</h2>{}",
            esc(&org_name(city, c.organisation.get_ref())),
            md(&c.description)
        );
        for d in &c.duties {
            let _ = write!(
                body,
                "<p>{}{}</p>{}",
                esc(d.label.as_deref().unwrap_or("")),
                esc(d.title.as_deref().unwrap_or("")),
                md(&d.text)
            );
        }
    }
    for f in &city.functions {
        let national = guide.function(f.function.get_ref());
        let title = f
            .local_name
            .clone()
            .or(national.map(|n| n.name.clone()))
            .unwrap_or_default();
        let _ = write!(
            body,
            "<section id=\"function-{}\"><h2>{}</h2>{}",
            f.function.get_ref(),
            esc(&title),
            md(&f.summary)
        );
        for carrier in &f.carriers {
            let orgs: Vec<String> = carrier
                .organisations
                .iter()
                .map(|o| org_name(city, o.get_ref()))
                .collect();
            let _ = write!(
                body,
                "<h3>{}{}</h3>{}",
                esc(carrier.phase.as_deref().unwrap_or("")),
                esc(&orgs.join("・")),
                mds(&carrier.duties)
            );
        }
        for a in &f.addons {
            let _ = write!(
                body,
                "<p>関係する加算：{}</p>",
                esc(&addon_name(guide, a.get_ref()))
            );
        }
        let _ = write!(body, "{}</section>", mds(&f.notes));
    }
    page(
        out,
        &format!("{id}/index.html"),
        &info.guide.title,
        name,
        &body,
    );

    for flow in &city.flows {
        let mut body = md(&flow.summary) + &mds(&flow.applies_to);
        for step in &flow.steps {
            let _ = write!(
                body,
                "<section id=\"{}\"><h2>{}{}</h2>",
                step.id.get_ref(),
                esc(&step.label),
                esc(&step.title)
            );
            if let Some(s) = &step.summary {
                body.push_str(&md(s));
            }
            body.push_str(&mds(&step.points));
            for duty in &step.duties {
                let _ = write!(
                    body,
                    "<h4>{}{}</h4>{}",
                    esc(&org_name(city, duty.organisation.get_ref())),
                    esc(duty.title.as_deref().unwrap_or("")),
                    mds(&duty.items)
                );
                for a in &duty.addons {
                    let _ = write!(
                        body,
                        "<p>算定できる加算：{}</p>",
                        esc(&addon_name(guide, a.get_ref()))
                    );
                }
            }
            for a in &step.addons {
                let _ = write!(
                    body,
                    "<p>算定できる加算：{}</p>",
                    esc(&addon_name(guide, a.get_ref()))
                );
            }
            for d in &step.documents {
                let _ = write!(body, "<p>書類：{}</p>", esc(&d.name));
            }
            let _ = write!(body, "{}</section>", mds(&step.notes));
        }
        body.push_str(&mds(&flow.notes));
        page(
            out,
            &format!("{id}/flows/{}.html", flow.id.get_ref()),
            &flow.title,
            name,
            &body,
        );
    }

    if !city.qa.is_empty() {
        let mut body = String::new();
        for qa in &city.qa {
            let _ = write!(
                body,
                "<section id=\"{}\"><h2>Q{} {}</h2><p>{}</p>{}</section>",
                qa.id.get_ref(),
                qa.number,
                md(&qa.question).replace("<p>", "").replace("</p>", ""),
                esc(qa.asker_label.as_deref().unwrap_or("")),
                md(&qa.answer)
            );
        }
        page(out, &format!("{id}/qa.html"), "Q&A", name, &body);
    }
    if !city.glossary.is_empty() {
        let mut body = String::new();
        for t in &city.glossary {
            let _ = write!(
                body,
                "<section id=\"{}\"><h2>{}</h2>{}</section>",
                t.id.get_ref(),
                esc(&t.term),
                md(&t.definition)
            );
        }
        page(out, &format!("{id}/glossary.html"), "用語", name, &body);
    }
    if !city.subsidies.is_empty() {
        let mut body = String::new();
        for s in &city.subsidies {
            let _ = write!(
                body,
                "<section id=\"{}\"><h2>{}</h2>{}",
                s.id.get_ref(),
                esc(&s.name),
                md(&s.summary)
            );
            for v in &s.values {
                for a in &v.amounts {
                    let yen = a.yen.get_ref().to_string();
                    let grouped = group_digits(&yen);
                    let _ = write!(
                        body,
                        "<p>{}{grouped}円／{}{}</p>",
                        esc(a.label.as_deref().unwrap_or("")),
                        esc(&a.per),
                        if a.upper_limit { "（上限）" } else { "" }
                    );
                }
                for l in &v.limits {
                    let _ = write!(body, "<p>{}{}日まで</p>", esc(&l.scope), l.days.get_ref());
                }
                body.push_str(&mds(&v.conditions));
                body.push_str(&mds(&v.notes));
            }
            body.push_str("</section>");
        }
        page(
            out,
            &format!("{id}/subsidies.html"),
            "市単独補助",
            name,
            &body,
        );
    }
    if !city.directories.is_empty() || !city.organisations.is_empty() {
        let mut body = String::new();
        for d in &city.directories {
            let _ = write!(
                body,
                "<h2 id=\"{}\">{}</h2><table>",
                d.id.get_ref(),
                esc(&d.title)
            );
            for c in &d.contacts {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&c.name),
                    esc(c.phone.as_deref().unwrap_or("")),
                    esc(c.address.as_deref().unwrap_or(""))
                );
            }
            body.push_str("</table>");
        }
        body.push_str("<h2 id=\"organisations\">関係機関</h2>");
        for o in &city.organisations {
            let _ = write!(
                body,
                "<div id=\"org-{}\"><h3>{}</h3><p>{}</p></div>",
                o.id.get_ref(),
                esc(&o.name),
                esc(o.phone.as_deref().unwrap_or(""))
            );
        }
        page(
            out,
            &format!("{id}/contacts.html"),
            "問い合わせ先",
            name,
            &body,
        );
    }
    for t in &city.tables {
        let mut body = String::new();
        let head: String = t
            .row_header
            .iter()
            .chain(&t.columns)
            .map(|c| format!("<th>{}</th>", esc(c)))
            .collect();
        let _ = write!(body, "<table><tr>{head}</tr>");
        for r in &t.rows {
            let cells: String = r
                .cells
                .get_ref()
                .iter()
                .map(|c| format!("<td>{}</td>", esc(c)))
                .collect();
            let _ = write!(body, "<tr><th>{}</th>{cells}</tr>", esc(&r.label));
        }
        body.push_str("</table>");
        body.push_str(&mds(&t.notes));
        page(
            out,
            &format!("{id}/tables/{}.html", t.id.get_ref()),
            &t.title,
            name,
            &body,
        );
    }
    for l in &city.lists {
        let body = l.summary.as_ref().map(md).unwrap_or_default() + &mds(&l.items) + &mds(&l.notes);
        page(
            out,
            &format!("{id}/lists/{}.html", l.id.get_ref()),
            &l.title,
            name,
            &body,
        );
    }
    for p in &city.pages {
        page(
            out,
            &format!("{id}/pages/{}.html", p.meta.id.get_ref()),
            &p.meta.title,
            name,
            &md(&p.body),
        );
    }
}

fn group_digits(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
