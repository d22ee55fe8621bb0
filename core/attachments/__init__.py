"""Attachments (附件): files and photos uploaded for case forms.

A form's ``attachment`` field stores only a reference ``{"id","name","content_type","size"}``;
the file itself is uploaded first, here, and kept by a :mod:`storage` backend under a key
that carries the tenant. What a file *is* comes from its bytes (:mod:`sniff`), never from its
name or the browser's word, and it is served back only as a download to those who may see it
(:mod:`access`).
"""
