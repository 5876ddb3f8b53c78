"""Which fields of a model can hold other models: the only ones a walk over the knowledge base
(selecting, pruning, collecting countries or translation keys) needs to visit."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel


@cache
def nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type admits a model or a tuple (the only ones pruning can
    change); text, numbers and dates are skipped without being looked at."""
    return tuple(name for name, info in model.model_fields.items() if _may_nest(info.annotation))


def _may_nest(annotation: Any) -> bool:
    """Whether a value of this annotation can be a model or a tuple (True when unsure)."""
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel | tuple) or annotation is object
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is tuple:  # a tuple of text (audiences, cites) holds nothing to prune
        return not args or any(_may_nest(arg) for arg in args if arg is not Ellipsis)
    if origin is Annotated:
        return _may_nest(args[0])
    if origin is None or not args:
        return annotation not in (str, int, float, bool, type(None))
    return any(_may_nest(arg) for arg in args if not isinstance(arg, str | int | float | bool) or arg is None)
