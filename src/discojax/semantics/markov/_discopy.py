"""The Stoch semantics as DisCoPy's own functor, for the law "compiled == DisCoPy".

:func:`to_markov` reads a cup-free pregroup diagram (after
:func:`~discojax.rewrite.remove_cups`) as a Markov diagram: words are boxes, one-input spiders
copies (and discards), many-input spiders merges. :func:`stoch_diagram` applies DisCoPy's
``markov.Functor`` into ``tensor.Diagram``: each box its kernel (axes inputs first, as DisCoPy
lays out a box's array), each copy and merge DisCoPy's own spider.

>>> import jax, numpy as np
>>> from discopy import markov
>>> from discojax.semantics.markov import StochModel, StochSemantics
>>> x, y = markov.Ty("x"), markov.Ty("y")
>>> d = markov.Box("p", markov.Ty(), x) >> markov.Copy(x) >> markov.Box("f", x, y) @ x
>>> model = StochModel.from_data([d], StochSemantics({"x": 2, "y": 3}), target="y x")
>>> params = model.init(jax.random.key(0))
>>> slow = stoch_diagram(model.ansatz, model.vocabulary, params, d).eval().array
>>> bool(np.allclose(slow, model.apply(params, model.prepare([d]))[0], atol=1e-6))
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jax
import numpy as np
from discopy import markov, tensor
from discopy.grammar import pregroup

from discojax.compile._vocabulary import Vocabulary
from discojax.errors import NotMarkovError
from discojax.grammar._types import Type, format_type


def _ty(ty: pregroup.Ty) -> markov.Ty:
    for ob in ty.inside:
        if ob.z != 0:
            raise NotMarkovError(
                f"type {ty} has an adjoint: only cup-free diagrams are Markov diagrams "
                "(apply discojax.rewrite.remove_cups first)"
            )
    return markov.Ty(*(ob.name for ob in ty.inside))


def to_markov(diagram: pregroup.Diagram) -> markov.Diagram:
    """The Markov diagram of a cup-free pregroup diagram.

    Raises:
        NotMarkovError: a cup, a cap, an adjoint type, or a spider with several inputs and
            several outputs.

    >>> from discojax.grammar import parse
    >>> from discojax.rewrite import remove_cups
    >>> print(to_markov(remove_cups(parse("Alice loves Bob").to_diagram())))
    alice >> n @ bob >> loves
    >>> to_markov(parse("Alice runs").to_diagram())
    Traceback (most recent call last):
    ...
    discojax.errors.NotMarkovError: type n.r @ s has an adjoint: only cup-free diagrams are Markov diagrams (apply discojax.rewrite.remove_cups first)
    """
    result: markov.Diagram = markov.Id(_ty(diagram.dom))
    for left, box, right in diagram.inside:
        if isinstance(box, pregroup.Cup | pregroup.Cap):
            raise NotMarkovError(f"{box} is not a Markov map (apply remove_cups first)")
        if isinstance(box, pregroup.Swap):
            new: markov.Diagram = markov.Swap(_ty(box.dom[:1]), _ty(box.dom[1:]))
        elif isinstance(box, pregroup.Spider):
            n_in, n_out, typ = len(box.dom), len(box.cod), _ty(box.typ)
            if n_in == 1:
                new = markov.Copy(typ, n_out)
            elif n_out == 1:
                new = markov.Merge(typ, n_in)
            else:
                raise NotMarkovError(f"spider {box} has {n_in} inputs and {n_out} outputs")
        else:
            new = markov.Box(box.name, _ty(box.dom), _ty(box.cod))
        result = result >> markov.Id(_ty(left)) @ new @ markov.Id(_ty(right))
    return result


def box_type(box: markov.Box) -> Type:
    """The compiler's type of a Markov box: inputs as right adjoints, then outputs.

    >>> box_type(markov.Box("f", markov.Ty("x"), markov.Ty("y")))
    (('x', 1), ('y', 0))
    """
    return tuple((ob.name, 1) for ob in box.dom.inside) + tuple(
        (ob.name, 0) for ob in box.cod.inside
    )


def stoch_diagram(
    semantics: Any, vocabulary: Vocabulary, params: Mapping[str, jax.Array], diagram: Any
) -> tensor.Diagram:
    """The DisCoPy tensor diagram of a Markov (or cup-free pregroup) diagram under a Stoch
    semantics: DisCoPy evaluates it box by box (``.eval()``), with its own copy spiders.

    See the module's example.
    """
    if isinstance(diagram, pregroup.Diagram):
        diagram = to_markov(diagram)
    names = {format_type(box_type(box)) for box in diagram.boxes if type(box) is markov.Box}
    kernels = semantics.word_tensors(params, sorted(names))

    def arrow(box: markov.Box) -> tensor.Box:
        ty = box_type(box)
        type_string = format_type(ty)
        data = np.asarray(kernels[type_string][vocabulary.index(box.name, type_string)])
        dom = tensor.Dim(*(semantics.dim(ob.name) for ob in box.dom.inside))
        cod = tensor.Dim(*(semantics.dim(ob.name) for ob in box.cod.inside))
        return tensor.Box(box.name, dom, cod, data)

    obs = {ob.name for box in diagram.boxes for ob in (*box.dom.inside, *box.cod.inside)}
    ob = {markov.Ty(name): tensor.Dim(semantics.dim(name)) for name in obs}
    functor = markov.Functor(ob=ob, ar=arrow, cod=markov.Category(tensor.Dim, tensor.Diagram))
    return functor(diagram)
