"""The form designer (表单设计器): township admins build local items (特色清单) without code.

``operations`` holds what the pages do (start, copy, import, save, preview); ``palette``
describes to the browser what it may build; ``views`` parse, call and render.
"""
