//! Blank forms: definitions in `forms/` rendered by typst into fillable PDFs.
