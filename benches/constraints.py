"""An incremental constraint solver in the spirit of DeltaBlue: variables joined by equality and
scale constraints of different strengths; adding or removing a constraint re-plans locally
(walking strengths downstream), and a plan is then executed many times as an input changes.
Stresses methods and attributes: polymorphic calls across a small class hierarchy (unary and
binary constraints), `is` tests, attribute loads and stores on many small objects, list
appends and pops."""
import sys


class Strength:
    def __init__(self, level, name):
        self.level = level  # lower is stronger
        self.name = name

    def stronger_than(self, other):
        return self.level < other.level

    def weaker_than(self, other):
        return self.level > other.level

    def weakest(self, other):
        return self if self.level > other.level else other


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strong preferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strong default")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weak default")
WEAKEST = Strength(6, "weakest")
BY_STRENGTH = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST]


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.walk_strength = WEAKEST
        self.stay = True
        self.mark = 0


class Constraint:
    def __init__(self, solver, strength):
        self.solver = solver
        self.strength = strength

    def add(self):
        self.attach()
        self.solver.add_constraint(self)

    def remove(self):
        if self.is_satisfied():
            self.solver.remove_constraint(self)
        else:
            self.detach()

    def satisfy(self, mark):
        """Chooses an output not yet marked and weaker than this constraint; returns the
        constraint that determined that output before, now unsatisfied, or None."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise RuntimeError("a required constraint cannot be satisfied")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.solver.propagate_from(self, mark):
            raise RuntimeError("cycle")
        out.mark = mark
        return overridden

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, solver, var, strength):
        super().__init__(solver, strength)
        self.var = var
        self.satisfied = False
        self.add()

    def attach(self):
        self.var.constraints.append(self)

    def detach(self):
        self.var.constraints.remove(self)

    def choose_method(self, mark):
        self.satisfied = self.var.mark != mark and self.strength.stronger_than(self.var.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.var

    def recalculate(self):
        self.var.walk_strength = self.strength
        self.var.stay = not self.is_input()
        if self.var.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True


class StayConstraint(UnaryConstraint):
    """The variable keeps its value unless something stronger changes it."""

    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    """The variable takes values from outside (an input)."""

    def is_input(self):
        return True

    def execute(self):
        pass


FORWARD, BACKWARD, NONE = 1, 2, 0


class BinaryConstraint(Constraint):
    def __init__(self, solver, a, b, strength):
        super().__init__(solver, strength)
        self.a = a
        self.b = b
        self.direction = NONE
        self.add()

    def attach(self):
        self.a.constraints.append(self)
        self.b.constraints.append(self)

    def detach(self):
        self.a.constraints.remove(self)
        self.b.constraints.remove(self)

    def choose_method(self, mark):
        a, b = self.a, self.b
        if a.mark == mark:
            ok = b.mark != mark and self.strength.stronger_than(b.walk_strength)
            self.direction = FORWARD if ok else NONE
        elif b.mark == mark:
            ok = self.strength.stronger_than(a.walk_strength)
            self.direction = BACKWARD if ok else NONE
        elif a.walk_strength.weaker_than(b.walk_strength):
            ok = self.strength.stronger_than(a.walk_strength)
            self.direction = BACKWARD if ok else NONE
        else:
            ok = self.strength.stronger_than(b.walk_strength)
            self.direction = FORWARD if ok else NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.a if self.direction == FORWARD else self.b

    def output(self):
        return self.b if self.direction == FORWARD else self.a

    def recalculate(self):
        src, out = self.input(), self.output()
        out.walk_strength = self.strength.weakest(src.walk_strength)
        out.stay = src.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        src = self.input()
        return src.mark == mark or src.stay or src.determined_by is None


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """b = a * scale + offset, where scale and offset are variables too."""

    def __init__(self, solver, a, scale, offset, b, strength):
        self.scale = scale
        self.offset = offset
        super().__init__(solver, a, b, strength)

    def attach(self):
        super().attach()
        self.scale.constraints.append(self)
        self.offset.constraints.append(self)

    def detach(self):
        super().detach()
        self.scale.constraints.remove(self)
        self.offset.constraints.remove(self)

    def mark_inputs(self, mark):
        super().mark_inputs(mark)
        self.scale.mark = self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.b.value = self.a.value * self.scale.value + self.offset.value
        else:
            self.a.value = (self.b.value - self.offset.value) // self.scale.value

    def recalculate(self):
        src, out = self.input(), self.output()
        out.walk_strength = self.strength.weakest(src.walk_strength)
        out.stay = src.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Solver:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def add_constraint(self, c):
        mark = self.new_mark()
        overridden = c.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def remove_constraint(self, c):
        out = c.output()
        c.mark_unsatisfied()
        c.detach()
        unsatisfied = self.unplan_from(out)
        for strength in BY_STRENGTH:
            for u in unsatisfied:
                if u.strength is strength:
                    self.add_constraint(u)

    def propagate_from(self, c, mark):
        """Recomputes walk strengths downstream of `c`; False on finding a cycle."""
        todo = [c]
        while todo:
            d = todo.pop()
            if d.output().mark == mark:
                self.remove_constraint(c)
                return False
            d.recalculate()
            self.add_consumers(d.output(), todo)
        return True

    def unplan_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            v = todo.pop()
            for c in v.constraints:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            determining = v.determined_by
            for c in v.constraints:
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    def add_consumers(self, v, todo):
        determining = v.determined_by
        for c in v.constraints:
            if c is not determining and c.is_satisfied():
                todo.append(c)

    def plan_for(self, constraints):
        """The constraints to execute, in order, after the inputs among `constraints` change."""
        mark = self.new_mark()
        plan = []
        todo = [c for c in constraints if c.is_input() and c.is_satisfied()]
        while todo:
            c = todo.pop(0)
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.append(c)
                out.mark = mark
                self.add_consumers(out, todo)
        return plan


def run_plan(plan):
    for c in plan:
        c.execute()


def chain(n, checks):
    """v0 == v1 == ... == vn; the last stays, the first is edited: the edit wins."""
    solver = Solver()
    vs = [Variable(f"v{i}") for i in range(n + 1)]
    for a, b in zip(vs, vs[1:]):
        EqualityConstraint(solver, a, b, REQUIRED)
    StayConstraint(solver, vs[-1], STRONG_DEFAULT)
    edit = EditConstraint(solver, vs[0], PREFERRED)
    plan = solver.plan_for([edit])
    total = 0
    for i in range(checks):
        vs[0].value = i
        run_plan(plan)
        if vs[-1].value != i:
            raise AssertionError("chain failed")
        total += vs[-1].value
    edit.remove()
    return total, len(plan)


def projection(n, checks):
    """dst[i] = src[i] * scale + offset for n pairs; editing scale, offset or one end of a
    pair re-plans and moves the other end."""
    solver = Solver()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    srcs, dsts = [], []
    for i in range(n):
        src = Variable(f"src{i}", i)
        dst = Variable(f"dst{i}", i)
        srcs.append(src)
        dsts.append(dst)
        StayConstraint(solver, src, NORMAL)
        ScaleConstraint(solver, src, scale, offset, dst, REQUIRED)
    total = 0
    for step in range(checks):
        for var, value in ((srcs[0], 17 + step), (dsts[0], 1050 + step), (scale, 5 + step % 3),
                           (offset, 2000 + step)):
            edit = EditConstraint(solver, var, PREFERRED)
            plan = solver.plan_for([edit])
            var.value = value
            run_plan(plan)
            edit.remove()
        total += sum(d.value for d in dsts) + sum(s.value for s in srcs)
    return total


def main(n):
    chain_total, plan_len = chain(n, 100)
    print("chain", n, "plan", plan_len, "total", chain_total)
    print("projection", n, "total", projection(n, 10))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
