//! The web form pages: `<city>/forms/<form>.html` for every form a city
//! uses, made from the same definition as its fillable PDF (`crate::webform`).

use serde::Serialize;

use super::{Ctx, Planned, Site};
use crate::model::Municipality;
use crate::site::paths::of;
use crate::webform::WebForm;

#[derive(Serialize)]
struct WebFormPage {
    form: WebForm,
    /// Where the browser keeps this city's copy of the values.
    storage_key: String,
    /// The file name a downloaded filled PDF and an exported JSON get.
    file_stem: String,
    pdf: String,
    print: String,
    forms_page: String,
    /// The PDF library, loaded only when the filled PDF is asked for.
    library: String,
    designed: Option<&'static str>,
}

/// A web form page for every form of `c` whose definition the site has.
pub(crate) fn pages(site: &Site, c: &Municipality) -> Vec<Planned> {
    c.city
        .forms
        .iter()
        .filter_map(|id| {
            let form = site.guide.definition(id.get_ref())?;
            let ctx = Ctx::new(site, Some(c), of::form_page(c.id(), &form.id));
            let page = WebFormPage {
                form: crate::webform::build(form),
                storage_key: format!("tebiki-webform:{}:{}", c.id(), form.id),
                file_stem: form.id.clone(),
                pdf: ctx.href(&of::form_pdf(c.id(), &form.id)),
                print: ctx.href(&of::form_print_pdf(c.id(), &form.id)),
                forms_page: ctx.href(&of::forms(c.id())),
                library: format!("{}assets/pdf-lib.min.js", ctx.path.root()),
                designed: crate::forms::designed_note(form.source.as_deref()),
            };
            Some(ctx.finish("webform.html", form.title.clone(), &page))
        })
        .collect()
}
