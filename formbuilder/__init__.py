"""The form builder: field types, form and process definitions, and what is generated from
them (WTForms forms for pages, marshmallow schemas for the API)."""
