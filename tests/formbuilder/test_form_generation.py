"""The page form and the API schema generated from a field list."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from formbuilder.definitions.form import load_fields
from formbuilder.forms import build_form
from formbuilder.schemas import build_schema

NOTE = {"key": "note", "type": "text", "label": "说明", "required": True}
APPLICANT = {"key": "applicant", "type": "person", "label": "申请人"}
TALLY = {"key": "tally", "type": "vote", "label": "表决"}
QUOTES = {
    "key": "quotes",
    "type": "table",
    "label": "报价",
    "columns": [{"key": "price", "type": "money", "label": "报价"}],
}


def submit(app, definitions: list[dict], formdata: dict, *, csrf: bool = False):
    form_class = build_form(load_fields(definitions))
    with app.test_request_context(method="POST"):
        form = form_class(meta={"csrf": csrf}, formdata=MultiDict(formdata))
        form.validate()
        return form


def test_form_still_checks_the_csrf_token(app):
    form = submit(app, [NOTE], {"note": "x"}, csrf=True)
    assert "csrf_token" in form.errors


def test_fault_is_shown_on_the_field_it_belongs_to(app):
    form = submit(app, [NOTE], {"note": ""})
    assert form.field("note").errors == ["请填写此项"]


def test_table_cell_fault_is_shown_on_the_cell(app):
    form = submit(app, [QUOTES], {"quotes-0-price": "abc"})
    assert form.field("quotes")[0].form.price.errors == ["请填写金额，如 50000.00"]


def test_person_part_fault_is_shown_on_the_part(app):
    form = submit(app, [APPLICANT], {"applicant-name": "", "applicant-id_number": "123"})
    assert form.field("applicant").form.name.errors == ["请填写姓名"]


def test_fault_of_a_whole_tally_is_shown_on_the_tally(app):
    counts = {"expected": "9", "present": "5", "for": "4", "against": "2", "abstain": "0"}
    form = submit(app, [TALLY], {f"tally-{k}": v for k, v in counts.items()})
    assert form.field("tally").form.form_errors == ["赞成、反对、弃权票数合计不能多于实到人数"]


def test_field_key_that_names_a_form_attribute_still_works(app):
    form = submit(app, [NOTE | {"key": "data"}], {"data": "已核实"})
    assert (form.cleaned_data, str(form.field("data").name)) == ({"data": "已核实"}, "data")


def test_computed_field_shows_the_server_result_after_validation(app):
    total = {"key": "total", "type": "computed", "label": "合计", "formula": {"+": [1, 2]}}
    form = submit(app, [total], {"total": "99"})
    assert 'value="3.00"' in str(form.field("total")())


def test_stored_answer_fills_the_form_in_again(app):
    agree = {"key": "agree", "type": "boolean", "label": "是否同意"}
    form_class = build_form(load_fields([agree]))
    with app.test_request_context():
        html = str(form_class(meta={"csrf": False}, data={"agree": False}).field("agree")())
    assert 'checked id="agree-1"' in html


def test_schema_refuses_a_key_of_no_field():
    with pytest.raises(ValidationError) as caught:
        build_schema(load_fields([NOTE])).load({"note": "x", "note2": "y"})
    assert caught.value.messages == {"note2": ["没有这个字段"]}


def test_schema_refuses_a_body_that_is_not_an_object():
    with pytest.raises(ValidationError) as caught:
        build_schema(load_fields([NOTE])).load(["x"])
    assert caught.value.messages == {"_schema": ["提交的内容应为一个 JSON 对象"]}


def test_schema_field_key_that_names_a_schema_method_still_works():
    assert build_schema(load_fields([NOTE | {"key": "load"}])).load({"load": "x"}) == {"load": "x"}


def test_schema_leaves_section_headings_out():
    heading = {"key": "part", "type": "section", "label": "第一部分"}
    with pytest.raises(ValidationError):
        build_schema(load_fields([heading, NOTE])).load({"part": "x", "note": "y"})


def test_schema_fields_carry_their_label_for_the_api_document():
    schema = build_schema(load_fields([NOTE | {"help": "写清楚"}]))
    (field,) = schema.fields.values()
    assert (field.metadata["title"], field.metadata["description"]) == ("说明", "写清楚")
