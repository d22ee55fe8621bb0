import copy
import json
from pathlib import Path

import pytest

#: five field types, a conditional field, a branch by amount and a 四议两公开 include
LOCAL_ITEM = json.loads((Path(__file__).parent / "local_item.json").read_text("utf-8"))


@pytest.fixture
def definition():
    return copy.deepcopy(LOCAL_ITEM)


@pytest.fixture
def draft(sess, world, definition):
    """Township A1's local item, as a first draft."""
    from formbuilder.filing.operations import create_local_item

    item = create_local_item(sess, world.a1, definition, world.users.a1_admin)
    sess.commit()
    return item


@pytest.fixture
def filing(sess, world):
    """``filing.submit(item)``, ``.approve(item)``, … as the world's admins, committed."""
    from types import SimpleNamespace

    from formbuilder.filing import operations as ops

    def act(action, actor):
        def run(item, *args):
            result = action(sess, world.a1, item, actor, *args)
            sess.commit()
            return result

        return run

    return SimpleNamespace(
        submit=act(ops.submit, world.users.a1_admin),
        withdraw=act(ops.withdraw, world.users.a1_admin),
        approve=act(ops.approve, world.users.county_admin),
        return_draft=act(ops.return_draft, world.users.county_admin),
        publish=act(ops.publish, world.users.a1_admin),
    )
