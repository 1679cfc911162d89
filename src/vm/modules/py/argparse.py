"""Command-line parsing, after CPython's Lib/argparse.py (3.11).

What benchmark-style scripts use, with CPython's help layout and error messages byte for byte:
positional and optional arguments, `type`, `default`, `required`, `choices`, `help` (with
`%(default)s`-style substitution), `metavar`, `dest`, `nargs` (N, '?', '*', '+'), the actions
store, store_const, store_true, store_false, append, append_const, count, help and version,
argument groups, mutually exclusive groups, `--opt=value`, `-nVALUE`, unambiguous prefixes of
long options, and the formatter classes HelpFormatter, RawDescriptionHelpFormatter,
RawTextHelpFormatter and ArgumentDefaultsHelpFormatter.

Differences from CPython: help is laid out for an 80-column terminal (CPython asks the
terminal, and uses 80 columns when output is not a terminal and COLUMNS is unset); no
subparsers, `fromfile_prefix_chars` or `FileType`.
"""

import sys as _sys

SUPPRESS = '==SUPPRESS=='
OPTIONAL = '?'
ZERO_OR_MORE = '*'
ONE_OR_MORE = '+'
REMAINDER = '...'

_COLUMNS = 80


def _basename(path):
    return path.rstrip('/').split('/')[-1] if path.strip('/') else path


def _is_negative_number(s):
    # CPython: '^-\d+$|^-\d*\.\d+$'
    if not s.startswith('-') or len(s) < 2:
        return False
    body = s[1:]
    if body.isdigit():
        return True
    if '.' in body:
        head, _, tail = body.partition('.')
        return (head == '' or head.isdigit()) and tail.isdigit()
    return False


def _match_pattern(groups, text):
    """Matches the groups of tokens (allowed chars, min, max) greedily at the start of
    `text`, backtracking as `re.match` does; the length each group took, or None."""
    flat = []
    for g, tokens in enumerate(groups):
        for chars, lo, hi in tokens:
            flat.append((g, chars, lo, hi))
    lengths = [0] * len(groups)

    def match(k, pos):
        if k == len(flat):
            return True
        g, chars, lo, hi = flat[k]
        run = 0
        limit = len(text) - pos if hi is None else min(hi, len(text) - pos)
        while run < limit and text[pos + run] in chars:
            run += 1
        n = run
        while n >= lo:
            lengths[g] += n
            if match(k + 1, pos + n):
                return True
            lengths[g] -= n
            n -= 1
        return False

    if match(0, 0):
        return lengths
    return None


def _clean_usage(text):
    """CPython's clean-up of a usage with group brackets: no space after an opening bracket
    or before a closing one, and no empty brackets."""
    for o in '[(':
        text = text.replace(o + ' ', o)
    for c in '])':
        text = text.replace(' ' + c, c)
    out = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in '[(':
            j = i + 1
            while j < n and text[j] == ' ':
                j += 1
            if j < n and text[j] in '])':
                i = j + 1
                continue
        out.append(text[i])
        i += 1
    return ''.join(out).strip()


def _usage_parts(text):
    """CPython's `re.findall(r'\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+', text)`: a
    bracketed group up to a closing bracket that ends a word, or else a word."""
    parts = []
    n = len(text)
    i = 0
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        end = -1
        if text[i] in '([':
            close = ')' if text[i] == '(' else ']'
            j = i + 1
            while j < n and text[j] != '\n':
                if text[j] == close:
                    k = j
                    while k < n and text[k] == close:
                        k += 1
                    if k == n or text[k].isspace():
                        end = k
                        break
                j += 1
        if end < 0:
            end = i
            while end < n and not text[end].isspace():
                end += 1
        parts.append(text[i:end])
        i = end
    return parts


# ----- textwrap, as argparse uses it ---------------------------------------------------------

def _is_letter(c):
    # textwrap's `[^\d\W]`: word characters that are not digits.
    return c == '_' or c.isalpha()


def _is_word_char(c):
    return c == '_' or c.isalnum()


def _is_wp(c):
    # textwrap's `[\w!"\'&.,?]`: what may stand before an em-dash.
    return _is_word_char(c) or c in '!"\'&.,?'


def _em_dash_at(text, j):
    """`-{2,}(?=\w)` at j: the length of the dashes, or 0."""
    k = j
    while k < len(text) and text[k] == '-':
        k += 1
    if k - j >= 2 and k < len(text) and _is_word_char(text[k]):
        return k - j
    return 0


def _chunks(text):
    """textwrap's `wordsep_re` applied to text whose whitespace is single spaces: spaces,
    em-dashes between words, and words, broken after the hyphens of hyphenated words."""
    chunks = []
    n = len(text)
    i = 0

    def letter(k):
        return 0 <= k < n and _is_letter(text[k])

    while i < n:
        if text[i] == ' ':
            j = i
            while j < n and text[j] == ' ':
                j += 1
            chunks.append(text[i:j])
            i = j
            continue
        if i > 0 and _is_wp(text[i - 1]):
            dashes = _em_dash_at(text, i)
            if dashes:
                chunks.append(text[i:i + dashes])
                i += dashes
                continue
        j = i + 1
        while True:
            if j < n and text[j] == '-' and (
                    (letter(j - 2) and letter(j - 1))
                    or (letter(j - 3) and text[j - 2] == '-' and letter(j - 1))) and (
                    letter(j + 1) and (letter(j + 2) or (
                        j + 2 < n and text[j + 2] == '-' and letter(j + 3)))):
                end = j + 1
                break
            if j >= n or text[j] == ' ':
                end = j
                break
            if _is_wp(text[j - 1]) and _em_dash_at(text, j):
                end = j
                break
            j += 1
        chunks.append(text[i:end])
        i = end
    return chunks


def _wrap(text, width, initial_indent='', subsequent_indent=''):
    """textwrap.wrap for text whose whitespace is already single spaces."""
    chunks = _chunks(text)
    chunks.reverse()
    lines = []
    while chunks:
        cur_line = []
        cur_len = 0
        indent = subsequent_indent if lines else initial_indent
        line_width = width - len(indent)
        if chunks[-1].strip() == '' and lines:
            del chunks[-1]
        while chunks:
            n = len(chunks[-1])
            if cur_len + n <= line_width:
                cur_line.append(chunks.pop())
                cur_len += n
            else:
                break
        if chunks and len(chunks[-1]) > line_width:
            # As textwrap: 0 when the line is full, which appends an empty piece.
            space_left = 1 if line_width < 1 else line_width - cur_len
            chunk = chunks[-1]
            end = space_left
            if len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and any(c != '-' for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            chunks[-1] = chunk[end:]
        if cur_line and cur_line[-1].strip() == '':
            cur_len -= len(cur_line[-1])
            del cur_line[-1]
        if cur_line:
            lines.append(indent + ''.join(cur_line))
    return lines


def _normalize_ws(text):
    return ' '.join(text.split())


# ----- formatting ------------------------------------------------------------------------------

class HelpFormatter:
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            width = _COLUMNS
            width -= 2
        self._prog = prog
        self._indent_increment = indent_increment
        self._max_help_position = min(max_help_position,
                                      max(width - 20, indent_increment * 2))
        self._width = width
        self._current_indent = 0
        self._action_max_length = 0

    # -- the parts of a help message --

    def _indent(self):
        self._current_indent += self._indent_increment

    def _dedent(self):
        self._current_indent -= self._indent_increment

    def _note_invocation(self, action):
        if action.help is not SUPPRESS:
            inv_len = len(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, inv_len)

    def format_usage_text(self, usage, actions, groups=(), prefix=None):
        if prefix is None:
            prefix = 'usage: '
        if usage is not None:
            usage = usage % dict(prog=self._prog)
            return '%s%s\n\n' % (prefix, usage)
        prog = self._prog
        optionals = [a for a in actions if a.option_strings]
        positionals = [a for a in actions if not a.option_strings]
        action_usage = self._format_actions_usage(optionals + positionals, groups)
        usage = ' '.join([s for s in [prog, action_usage] if s])
        text_width = self._width - self._current_indent
        if len(prefix) + len(usage) > text_width:
            opt_parts = _usage_parts(self._format_actions_usage(optionals, groups))
            pos_parts = _usage_parts(self._format_actions_usage(positionals, groups))

            def get_lines(parts, indent, prefix=None):
                lines = []
                line = []
                indent_length = len(indent)
                if prefix is not None:
                    line_len = len(prefix) - 1
                else:
                    line_len = indent_length - 1
                for part in parts:
                    if line_len + 1 + len(part) > text_width and line:
                        lines.append(indent + ' '.join(line))
                        line = []
                        line_len = indent_length - 1
                    line.append(part)
                    line_len += len(part) + 1
                if line:
                    lines.append(indent + ' '.join(line))
                if prefix is not None:
                    lines[0] = lines[0][len(indent):]
                return lines

            if len(prefix) + len(prog) <= 0.75 * text_width:
                indent = ' ' * (len(prefix) + len(prog) + 1)
                if opt_parts:
                    lines = get_lines([prog] + opt_parts, indent, prefix)
                    lines.extend(get_lines(pos_parts, indent))
                elif pos_parts:
                    lines = get_lines([prog] + pos_parts, indent, prefix)
                else:
                    lines = [prog]
            else:
                indent = ' ' * len(prefix)
                parts = opt_parts + pos_parts
                lines = get_lines(parts, indent)
                if len(lines) > 1:
                    lines = []
                    lines.extend(get_lines(opt_parts, indent))
                    lines.extend(get_lines(pos_parts, indent))
                lines = [prog] + lines
            usage = '\n'.join(lines)
        return '%s%s\n\n' % (prefix, usage)

    def _format_actions_usage(self, actions, groups=()):
        # Mutually exclusive groups whose actions are adjacent show as [-a | -b] (or
        # (-a | -b) when one is required), as CPython marks them with inserts.
        group_actions = set()
        inserts = {}
        for group in groups:
            if not group._group_actions:
                raise ValueError('empty group %r' % group)
            if group._group_actions[0] not in actions:
                continue
            start = actions.index(group._group_actions[0])
            group_action_count = len(group._group_actions)
            end = start + group_action_count
            if actions[start:end] == group._group_actions:
                suppressed_actions_count = 0
                for action in group._group_actions:
                    group_actions.add(action)
                    if action.help is SUPPRESS:
                        suppressed_actions_count += 1
                exposed_actions_count = group_action_count - suppressed_actions_count
                if not group.required:
                    inserts[start] = inserts[start] + ' [' if start in inserts else '['
                    inserts[end] = inserts[end] + ']' if end in inserts else ']'
                elif exposed_actions_count > 1:
                    inserts[start] = inserts[start] + ' (' if start in inserts else '('
                    inserts[end] = inserts[end] + ')' if end in inserts else ')'
                for i in range(start + 1, end):
                    inserts[i] = '|'
        parts = []
        for i, action in enumerate(actions):
            if action.help is SUPPRESS:
                parts.append(None)
                if inserts.get(i) == '|':
                    inserts.pop(i)
                elif inserts.get(i + 1) == '|':
                    inserts.pop(i + 1)
            elif not action.option_strings:
                default = self._get_default_metavar_for_positional(action)
                part = self._format_args(action, default)
                if action in group_actions:
                    if part[0] == '[' and part[-1] == ']':
                        part = part[1:-1]
                parts.append(part)
            else:
                option_string = action.option_strings[0]
                if action.nargs == 0:
                    part = option_string
                else:
                    default = self._get_default_metavar_for_optional(action)
                    part = '%s %s' % (option_string, self._format_args(action, default))
                if not action.required and action not in group_actions:
                    part = '[%s]' % part
                parts.append(part)
        for i in sorted(inserts, reverse=True):
            parts[i:i] = [inserts[i]]
        text = ' '.join([item for item in parts if item is not None])
        return _clean_usage(text)

    def format_text(self, text):
        if '%(prog)' in text:
            text = text % dict(prog=self._prog)
        text_width = max(self._width - self._current_indent, 11)
        indent = ' ' * self._current_indent
        return self._fill_text(text, text_width, indent) + '\n\n'

    def format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        action_header = self._format_action_invocation(action)
        indent_first = 0
        if not action.help:
            action_header = '%*s%s\n' % (self._current_indent, '', action_header)
        elif len(action_header) <= action_width:
            action_header = '%*s%-*s  ' % (self._current_indent, '', action_width,
                                           action_header)
            indent_first = 0
        else:
            action_header = '%*s%s\n' % (self._current_indent, '', action_header)
            indent_first = help_position
        parts = [action_header]
        if action.help and action.help.strip():
            help_text = self._expand_help(action)
            if help_text:
                help_lines = self._split_lines(help_text, help_width)
                parts.append('%*s%s\n' % (indent_first, '', help_lines[0]))
                for line in help_lines[1:]:
                    parts.append('%*s%s\n' % (help_position, '', line))
        elif not action_header.endswith('\n'):
            parts.append('\n')
        return ''.join(parts)

    def _format_action_invocation(self, action):
        if not action.option_strings:
            default = self._get_default_metavar_for_positional(action)
            metavar, = self._metavar_formatter(action, default)(1)
            return metavar
        if action.nargs == 0:
            return ', '.join(action.option_strings)
        default = self._get_default_metavar_for_optional(action)
        args_string = self._format_args(action, default)
        return ', '.join('%s %s' % (option_string, args_string)
                         for option_string in action.option_strings)

    def _metavar_formatter(self, action, default_metavar):
        if action.metavar is not None:
            result = action.metavar
        elif action.choices is not None:
            result = '{%s}' % ','.join([str(choice) for choice in action.choices])
        else:
            result = default_metavar

        def format(tuple_size):
            if isinstance(result, tuple):
                return result
            return (result,) * tuple_size

        return format

    def _format_args(self, action, default_metavar):
        get_metavar = self._metavar_formatter(action, default_metavar)
        if action.nargs is None:
            return '%s' % get_metavar(1)
        if action.nargs == OPTIONAL:
            return '[%s]' % get_metavar(1)
        if action.nargs == ZERO_OR_MORE:
            metavar = get_metavar(1)
            if len(metavar) == 2:
                return '[%s [%s ...]]' % metavar
            return '[%s ...]' % metavar
        if action.nargs == ONE_OR_MORE:
            return '%s [%s ...]' % get_metavar(2)
        if action.nargs == REMAINDER:
            return '...'
        if action.nargs == SUPPRESS:
            return ''
        formats = ['%s' for _ in range(action.nargs)]
        return ' '.join(formats) % get_metavar(action.nargs)

    def _expand_help(self, action):
        params = dict(vars(action), prog=self._prog)
        for name in list(params):
            if params[name] is SUPPRESS:
                del params[name]
        for name in list(params):
            if hasattr(params[name], '__name__'):
                params[name] = params[name].__name__
        if params.get('choices') is not None:
            params['choices'] = ', '.join([str(c) for c in params['choices']])
        return self._get_help_string(action) % params

    def _split_lines(self, text, width):
        return _wrap(_normalize_ws(text), width)

    def _fill_text(self, text, width, indent):
        return '\n'.join(_wrap(_normalize_ws(text), width, indent, indent))

    def _get_help_string(self, action):
        return action.help

    def _get_default_metavar_for_optional(self, action):
        return action.dest.upper()

    def _get_default_metavar_for_positional(self, action):
        return action.dest


class RawDescriptionHelpFormatter(HelpFormatter):
    def _fill_text(self, text, width, indent):
        return ''.join(indent + line for line in text.splitlines(keepends=True))


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    def _split_lines(self, text, width):
        return text.splitlines()


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    def _get_help_string(self, action):
        help = action.help
        if help is None:
            help = ''
        if '%(default)' not in help:
            if action.default is not SUPPRESS:
                defaulting_nargs = [OPTIONAL, ZERO_OR_MORE]
                if action.option_strings or action.nargs in defaulting_nargs:
                    help += ' (default: %(default)s)'
        return help


class MetavarTypeHelpFormatter(HelpFormatter):
    def _get_default_metavar_for_optional(self, action):
        return action.type.__name__

    def _get_default_metavar_for_positional(self, action):
        return action.type.__name__


# ----- errors ------------------------------------------------------------------------------

def _get_action_name(argument):
    if argument is None:
        return None
    if argument.option_strings:
        return '/'.join(argument.option_strings)
    if argument.metavar not in (None, SUPPRESS):
        return argument.metavar
    if argument.dest not in (None, SUPPRESS):
        return argument.dest
    if argument.choices:
        return '{' + ','.join(argument.choices) + '}'
    return None


class ArgumentError(Exception):
    def __init__(self, argument, message):
        self.argument_name = _get_action_name(argument)
        self.message = message
        Exception.__init__(self, self.__str__())

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return 'argument %s: %s' % (self.argument_name, self.message)


class ArgumentTypeError(Exception):
    pass


# ----- actions ---------------------------------------------------------------------------------

class Namespace:
    def __init__(self, **kwargs):
        for name in kwargs:
            setattr(self, name, kwargs[name])

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    def __contains__(self, key):
        return key in self.__dict__

    def __repr__(self):
        arg_strings = []
        star_args = {}
        for name, value in list(self.__dict__.items()):
            if name.isidentifier():
                arg_strings.append('%s=%r' % (name, value))
            else:
                star_args[name] = value
        if star_args:
            arg_strings.append('**%s' % repr(star_args))
        return '%s(%s)' % (type(self).__name__, ', '.join(arg_strings))


class Action:
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None,
                 type=None, choices=None, required=False, help=None, metavar=None):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar

    def __repr__(self):
        names = ['option_strings', 'dest', 'nargs', 'const', 'default', 'type', 'choices',
                 'required', 'help', 'metavar']
        parts = ['%s=%r' % (name, getattr(self, name)) for name in names]
        return '%s(%s)' % (type(self).__name__, ', '.join(parts))

    def __call__(self, parser, namespace, values, option_string=None):
        raise NotImplementedError('.__call__() not defined')


class _StoreAction(Action):
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None,
                 type=None, choices=None, required=False, help=None, metavar=None):
        if nargs == 0:
            raise ValueError('nargs for store actions must be != 0; if you '
                             'have nothing to store, actions such as store '
                             'true or store const may be more appropriate')
        if const is not None and nargs != OPTIONAL:
            raise ValueError('nargs must be %r to supply const' % OPTIONAL)
        Action.__init__(self, option_strings, dest, nargs, const, default, type, choices,
                        required, help, metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)


class _StoreConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False,
                 help=None, metavar=None):
        Action.__init__(self, option_strings, dest, 0, const, default, None, None,
                        required, help)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, self.const)


class _StoreTrueAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=False, required=False, help=None):
        _StoreConstAction.__init__(self, option_strings, dest, True, default, required, help)


class _StoreFalseAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=True, required=False, help=None):
        _StoreConstAction.__init__(self, option_strings, dest, False, default, required, help)


class _AppendAction(Action):
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None,
                 type=None, choices=None, required=False, help=None, metavar=None):
        if nargs == 0:
            raise ValueError('nargs for append actions must be != 0; if arg '
                             'strings are not supplying the value to append, '
                             'the append const action may be more appropriate')
        Action.__init__(self, option_strings, dest, nargs, const, default, type, choices,
                        required, help, metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        items = getattr(namespace, self.dest, None)
        items = [] if items is None else list(items)
        items.append(values)
        setattr(namespace, self.dest, items)


class _AppendConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False,
                 help=None, metavar=None):
        Action.__init__(self, option_strings, dest, 0, const, default, None, None,
                        required, help, metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        items = getattr(namespace, self.dest, None)
        items = [] if items is None else list(items)
        items.append(self.const)
        setattr(namespace, self.dest, items)


class _CountAction(Action):
    def __init__(self, option_strings, dest, default=None, required=False, help=None):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None,
                        required, help)

    def __call__(self, parser, namespace, values, option_string=None):
        count = getattr(namespace, self.dest, None)
        if count is None:
            count = 0
        setattr(namespace, self.dest, count + 1)


class _HelpAction(Action):
    def __init__(self, option_strings, dest=SUPPRESS, default=SUPPRESS, help=None):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None, False,
                        help)

    def __call__(self, parser, namespace, values, option_string=None):
        parser.print_help()
        parser.exit()


class _VersionAction(Action):
    def __init__(self, option_strings, version=None, dest=SUPPRESS, default=SUPPRESS,
                 help="show program's version number and exit"):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None, False,
                        help)
        self.version = version

    def __call__(self, parser, namespace, values, option_string=None):
        version = self.version
        if version is None:
            version = parser.version
        formatter = parser._get_formatter()
        text = formatter._fill_text(version % dict(prog=parser.prog),
                                    max(formatter._width, 11), '')
        _sys.stdout.write(text + '\n')
        parser.exit()


_ACTIONS = {
    None: _StoreAction,
    'store': _StoreAction,
    'store_const': _StoreConstAction,
    'store_true': _StoreTrueAction,
    'store_false': _StoreFalseAction,
    'append': _AppendAction,
    'append_const': _AppendConstAction,
    'count': _CountAction,
    'help': _HelpAction,
    'version': _VersionAction,
}


class _ArgumentGroup:
    def __init__(self, container, title=None, description=None):
        self._container = container
        self.title = title
        self.description = description
        self._group_actions = []

    def add_argument(self, *args, **kwargs):
        action = self._container.add_argument(*args, _group=self, **kwargs)
        return action

    def add_argument_group(self, *args, **kwargs):
        return self._container.add_argument_group(*args, **kwargs)

    def add_mutually_exclusive_group(self, required=False):
        group = _MutuallyExclusiveGroup(self, required)
        root = self._container
        while not isinstance(root, ArgumentParser):
            root = root._container
        root._mutually_exclusive_groups.append(group)
        return group


class _MutuallyExclusiveGroup(_ArgumentGroup):
    def __init__(self, container, required=False):
        _ArgumentGroup.__init__(self, container)
        self.required = required

    def add_argument(self, *args, **kwargs):
        if kwargs.get('required'):
            raise ValueError('mutually exclusive arguments must be optional')
        action = self._container.add_argument(*args, **kwargs)
        self._group_actions.append(action)
        return action


# ----- the parser ------------------------------------------------------------------------------

class ArgumentParser:
    def __init__(self, prog=None, usage=None, description=None, epilog=None, parents=[],
                 formatter_class=HelpFormatter, prefix_chars='-', fromfile_prefix_chars=None,
                 argument_default=None, conflict_handler='error', add_help=True,
                 allow_abbrev=True, exit_on_error=True):
        if prog is None:
            prog = _basename(_sys.argv[0]) if _sys.argv and _sys.argv[0] else ''
        self.prog = prog
        self.usage = usage
        self.description = description
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.prefix_chars = prefix_chars
        self.argument_default = argument_default
        self.add_help = add_help
        self.allow_abbrev = allow_abbrev
        self.exit_on_error = exit_on_error
        self._actions = []
        self._option_string_actions = {}
        self._defaults = {}
        self._positionals = _ArgumentGroup(self, 'positional arguments')
        self._optionals = _ArgumentGroup(self, 'options')
        self._action_groups = [self._positionals, self._optionals]
        self._has_negative_number_optionals = []
        self._mutually_exclusive_groups = []
        if add_help:
            self.add_argument('-h', '--help', action='help', default=SUPPRESS,
                              help='show this help message and exit')
        for parent in parents:
            for action in parent._actions:
                if action.option_strings and action.option_strings[0] in ('-h', '--help'):
                    continue
                self._add_action(action, None)
            self._defaults.update(parent._defaults)

    # -- defining arguments --

    def add_argument_group(self, title=None, description=None):
        group = _ArgumentGroup(self, title, description)
        self._action_groups.append(group)
        return group

    def add_mutually_exclusive_group(self, required=False):
        group = _MutuallyExclusiveGroup(self, required)
        self._mutually_exclusive_groups.append(group)
        return group

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for action in self._actions:
            if action.dest in kwargs:
                action.default = kwargs[action.dest]

    def get_default(self, dest):
        for action in self._actions:
            if action.dest == dest and action.default is not None:
                return action.default
        return self._defaults.get(dest, None)

    def add_argument(self, *args, _group=None, **kwargs):
        chars = self.prefix_chars
        if not args or len(args) == 1 and args[0][0] not in chars:
            if args and 'dest' in kwargs:
                raise ValueError('dest supplied twice for positional argument')
            kwargs = self._get_positional_kwargs(*args, **kwargs)
        else:
            kwargs = self._get_optional_kwargs(*args, **kwargs)
        if 'default' not in kwargs:
            dest = kwargs['dest']
            if dest in self._defaults:
                kwargs['default'] = self._defaults[dest]
            elif self.argument_default is not None:
                kwargs['default'] = self.argument_default
        action_name = kwargs.pop('action', None)
        if callable(action_name) and not isinstance(action_name, str):
            action_class = action_name
        elif action_name in _ACTIONS:
            action_class = _ACTIONS[action_name]
        else:
            raise ValueError('unknown action "%s"' % (action_name,))
        type_func = kwargs.get('type')
        if type_func is not None and not callable(type_func):
            raise ValueError('%r is not callable' % (type_func,))
        action = action_class(**kwargs)
        return self._add_action(action, _group)

    def _add_action(self, action, group):
        for option_string in action.option_strings:
            if option_string in self._option_string_actions:
                raise ArgumentError(action, 'conflicting option string: %s' % option_string)
        self._actions.append(action)
        for option_string in action.option_strings:
            self._option_string_actions[option_string] = action
            if _is_negative_number(option_string):
                self._has_negative_number_optionals.append(True)
        if group is None:
            group = self._optionals if action.option_strings else self._positionals
        group._group_actions.append(action)
        return action

    def _get_positional_kwargs(self, dest=None, **kwargs):
        if dest is None:
            raise TypeError("add_argument() missing 1 required positional argument: 'dest'")
        if 'required' in kwargs:
            raise TypeError("'required' is an invalid argument for positionals")
        if kwargs.get('nargs') not in [OPTIONAL, ZERO_OR_MORE]:
            kwargs['required'] = True
        if kwargs.get('nargs') == ZERO_OR_MORE and 'default' not in kwargs:
            kwargs['required'] = True
        return dict(kwargs, dest=dest, option_strings=[])

    def _get_optional_kwargs(self, *args, **kwargs):
        option_strings = []
        long_option_strings = []
        for option_string in args:
            if not option_string[0] in self.prefix_chars:
                raise ValueError(
                    'invalid option string %r: must start with a character %r'
                    % (option_string, self.prefix_chars))
            option_strings.append(option_string)
            if len(option_string) > 1 and option_string[1] in self.prefix_chars:
                long_option_strings.append(option_string)
        dest = kwargs.pop('dest', None)
        if dest is None:
            if long_option_strings:
                dest_option_string = long_option_strings[0]
            else:
                dest_option_string = option_strings[0]
            dest = dest_option_string.lstrip(self.prefix_chars)
            if not dest:
                raise ValueError('dest= is required for options like %r' % option_string)
            dest = dest.replace('-', '_')
        return dict(kwargs, dest=dest, option_strings=option_strings)

    # -- help --

    def _get_formatter(self):
        return self.formatter_class(prog=self.prog)

    def format_usage(self):
        formatter = self._get_formatter()
        text = formatter.format_usage_text(self.usage, self._actions,
                                           self._mutually_exclusive_groups)
        return text.strip('\n') + '\n'

    def format_help(self):
        formatter = self._get_formatter()
        # Widths are decided over every action first, as CPython's add_arguments does.
        formatter._indent()
        for action in self._actions:
            formatter._note_invocation(action)
        formatter._dedent()
        parts = [formatter.format_usage_text(self.usage, self._actions,
                                             self._mutually_exclusive_groups)]
        if self.description:
            parts.append(formatter.format_text(self.description))
        for group in self._action_groups:
            formatter._indent()
            items = []
            if group.description:
                items.append(formatter.format_text(group.description))
            for action in group._group_actions:
                if action.help is not SUPPRESS:
                    items.append(formatter.format_action(action))
            formatter._dedent()
            item_help = ''.join(items)
            if item_help:
                heading = '%s:\n' % group.title if group.title is not None else ''
                parts.append('\n' + heading + item_help + '\n')
        if self.epilog:
            parts.append(formatter.format_text(self.epilog))
        text = ''.join(parts)
        while '\n\n\n' in text:
            text = text.replace('\n\n\n', '\n\n')
        return text.strip('\n') + '\n'

    def print_usage(self, file=None):
        if file is None:
            file = _sys.stdout
        file.write(self.format_usage())

    def print_help(self, file=None):
        if file is None:
            file = _sys.stdout
        file.write(self.format_help())

    def exit(self, status=0, message=None):
        if message:
            _sys.stderr.write(message)
        _sys.exit(status)

    def error(self, message):
        self.print_usage(_sys.stderr)
        self.exit(2, '%s: error: %s\n' % (self.prog, message))

    # -- parsing --

    def parse_args(self, args=None, namespace=None):
        args, argv = self.parse_known_args(args, namespace)
        if argv:
            self.error('unrecognized arguments: %s' % ' '.join(argv))
        return args

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = _sys.argv[1:]
        else:
            args = list(args)
        if namespace is None:
            namespace = Namespace()
        for action in self._actions:
            if action.dest is not SUPPRESS and not hasattr(namespace, action.dest):
                if action.default is not SUPPRESS:
                    setattr(namespace, action.dest, action.default)
        for dest in self._defaults:
            if not hasattr(namespace, dest):
                setattr(namespace, dest, self._defaults[dest])
        if self.exit_on_error:
            try:
                namespace, args = self._parse_known_args(args, namespace)
            except ArgumentError as err:
                self.error(str(err))
        else:
            namespace, args = self._parse_known_args(args, namespace)
        return namespace, args

    # The parse follows CPython's: each argument is classified as an option ('O'), an
    # argument ('A') or '--' ('-'); options are consumed left to right, and the positionals
    # between them are matched greedily, as CPython's regular expressions over that pattern
    # match them (`_match_pattern` stands in for `re`).

    def _parse_optional(self, arg_string):
        """(action, option_string, explicit_arg) for an option, (None, arg, None) for an
        unknown option, None for an argument."""
        if not arg_string:
            return None
        if arg_string[0] not in self.prefix_chars:
            return None
        if arg_string in self._option_string_actions:
            return self._option_string_actions[arg_string], arg_string, None
        if len(arg_string) == 1:
            return None
        if '=' in arg_string:
            option_string, explicit_arg = arg_string.split('=', 1)
            if option_string in self._option_string_actions:
                return self._option_string_actions[option_string], option_string, explicit_arg
        option_tuples = self._get_option_tuples(arg_string)
        if len(option_tuples) > 1:
            options = ', '.join([option_string for _, option_string, _ in option_tuples])
            self.error('ambiguous option: %s could match %s' % (arg_string, options))
        elif len(option_tuples) == 1:
            return option_tuples[0]
        if _is_negative_number(arg_string):
            if not self._has_negative_number_optionals:
                return None
        if ' ' in arg_string:
            return None
        return None, arg_string, None

    def _get_option_tuples(self, option_string):
        result = []
        chars = self.prefix_chars
        if option_string[0] in chars and option_string[1] in chars:
            if self.allow_abbrev:
                if '=' in option_string:
                    option_prefix, explicit_arg = option_string.split('=', 1)
                else:
                    option_prefix, explicit_arg = option_string, None
                for candidate in self._option_string_actions:
                    if candidate.startswith(option_prefix):
                        result.append((self._option_string_actions[candidate], candidate,
                                       explicit_arg))
        elif option_string[0] in chars and option_string[1] not in chars:
            short_option_prefix = option_string[:2]
            short_explicit_arg = option_string[2:]
            for candidate in self._option_string_actions:
                action = self._option_string_actions[candidate]
                if candidate == short_option_prefix:
                    result.append((action, candidate, short_explicit_arg))
                elif candidate.startswith(option_string):
                    result.append((action, candidate, None))
        return result

    def _parse_known_args(self, arg_strings, namespace):
        option_string_indices = {}
        pattern_parts = []
        arg_strings_iter = iter(arg_strings)
        for i, arg_string in enumerate(arg_strings_iter):
            if arg_string == '--':
                pattern_parts.append('-')
                for arg_string in arg_strings_iter:
                    pattern_parts.append('A')
            else:
                option_tuple = self._parse_optional(arg_string)
                if option_tuple is None:
                    pattern = 'A'
                else:
                    option_string_indices[i] = option_tuple
                    pattern = 'O'
                pattern_parts.append(pattern)
        arg_strings_pattern = ''.join(pattern_parts)

        action_conflicts = {}
        for mutex_group in self._mutually_exclusive_groups:
            group_actions = mutex_group._group_actions
            for i, mutex_action in enumerate(mutex_group._group_actions):
                conflicts = action_conflicts.setdefault(mutex_action, [])
                conflicts.extend(group_actions[:i])
                conflicts.extend(group_actions[i + 1:])

        seen_actions = set()
        seen_non_default_actions = set()
        extras = []
        positionals = [a for a in self._actions if not a.option_strings]

        def take_action(action, argument_strings, option_string=None):
            seen_actions.add(action)
            argument_values = self._get_values(action, argument_strings)
            if argument_values is not action.default:
                seen_non_default_actions.add(action)
                for conflict_action in action_conflicts.get(action, []):
                    if conflict_action in seen_non_default_actions:
                        raise ArgumentError(action, 'not allowed with argument %s'
                                            % _get_action_name(conflict_action))
            if argument_values is not SUPPRESS:
                action(self, namespace, argument_values, option_string)

        def consume_optional(start_index):
            option_tuple = option_string_indices[start_index]
            action, option_string, explicit_arg = option_tuple
            chars = self.prefix_chars
            action_tuples = []
            while True:
                if action is None:
                    extras.append(arg_strings[start_index])
                    return start_index + 1
                if explicit_arg is not None:
                    arg_count = self._match_argument(action, 'A')
                    if (arg_count == 0 and option_string[1] not in chars
                            and explicit_arg != ''):
                        action_tuples.append((action, [], option_string))
                        char = option_string[0]
                        option_string = char + explicit_arg[0]
                        new_explicit_arg = explicit_arg[1:] or None
                        if option_string in self._option_string_actions:
                            action = self._option_string_actions[option_string]
                            explicit_arg = new_explicit_arg
                        else:
                            raise ArgumentError(action, 'ignored explicit argument %r'
                                                % explicit_arg)
                    elif arg_count == 1:
                        stop = start_index + 1
                        action_tuples.append((action, [explicit_arg], option_string))
                        break
                    else:
                        raise ArgumentError(action, 'ignored explicit argument %r'
                                            % explicit_arg)
                else:
                    start = start_index + 1
                    selected_patterns = arg_strings_pattern[start:]
                    arg_count = self._match_argument(action, selected_patterns)
                    stop = start + arg_count
                    action_tuples.append((action, arg_strings[start:stop], option_string))
                    break
            for action, args, option_string in action_tuples:
                take_action(action, args, option_string)
            return stop

        def consume_positionals(start_index):
            selected_pattern = arg_strings_pattern[start_index:]
            arg_counts = self._match_arguments_partial(positionals, selected_pattern)
            for action, arg_count in zip(positionals, arg_counts):
                args = arg_strings[start_index:start_index + arg_count]
                start_index += arg_count
                take_action(action, args)
            del positionals[:len(arg_counts)]
            return start_index

        start_index = 0
        max_option_string_index = max(option_string_indices) if option_string_indices else -1
        while start_index <= max_option_string_index:
            next_option_string_index = min([index for index in option_string_indices
                                            if index >= start_index])
            if start_index != next_option_string_index:
                positionals_end_index = consume_positionals(start_index)
                if positionals_end_index > start_index:
                    start_index = positionals_end_index
                    continue
                start_index = positionals_end_index
            if start_index not in option_string_indices:
                extras.extend(arg_strings[start_index:next_option_string_index])
                start_index = next_option_string_index
            start_index = consume_optional(start_index)
        stop_index = consume_positionals(start_index)
        extras.extend(arg_strings[stop_index:])

        required_actions = []
        for action in self._actions:
            if action not in seen_actions:
                if action.required:
                    required_actions.append(_get_action_name(action))
                elif (action.default is not None and isinstance(action.default, str)
                      and hasattr(namespace, action.dest)
                      and action.default is getattr(namespace, action.dest)):
                    setattr(namespace, action.dest, self._get_value(action, action.default))
        if required_actions:
            self.error('the following arguments are required: %s' %
                       ', '.join(required_actions))
        for group in self._mutually_exclusive_groups:
            if group.required:
                for action in group._group_actions:
                    if action in seen_non_default_actions:
                        break
                else:
                    names = [_get_action_name(action) for action in group._group_actions
                             if action.help is not SUPPRESS]
                    self.error('one of the arguments %s is required' % ' '.join(names))
        return namespace, extras

    def _match_argument(self, action, arg_strings_pattern):
        counts = _match_pattern([self._nargs_tokens(action)], arg_strings_pattern)
        if counts is None:
            nargs = action.nargs
            if nargs is None:
                msg = 'expected one argument'
            elif nargs == OPTIONAL:
                msg = 'expected at most one argument'
            elif nargs == ONE_OR_MORE:
                msg = 'expected at least one argument'
            elif nargs == 1:
                msg = 'expected %s argument' % nargs
            else:
                msg = 'expected %s arguments' % nargs
            raise ArgumentError(action, msg)
        return counts[0]

    def _match_arguments_partial(self, actions, arg_strings_pattern):
        for i in range(len(actions), 0, -1):
            groups = [self._nargs_tokens(action) for action in actions[:i]]
            counts = _match_pattern(groups, arg_strings_pattern)
            if counts is not None:
                return counts
        return []

    def _nargs_tokens(self, action):
        """CPython's `_get_nargs_pattern` as tokens (allowed chars, min, max); an option's
        pattern has no '-' (it stops at '--')."""
        nargs = action.nargs
        dashes = ('-', 0, None)
        if nargs is None:
            tokens = [dashes, ('A', 1, 1), dashes]
        elif nargs == OPTIONAL:
            tokens = [dashes, ('A', 0, 1), dashes]
        elif nargs == ZERO_OR_MORE:
            tokens = [dashes, ('A-', 0, None)]
        elif nargs == ONE_OR_MORE:
            tokens = [dashes, ('A', 1, 1), ('A-', 0, None)]
        elif nargs == REMAINDER:
            tokens = [('-AO', 0, None)]
        elif nargs == SUPPRESS:
            tokens = [dashes, dashes]
        else:
            tokens = [dashes]
            for _ in range(nargs):
                tokens.append(('A', 1, 1))
                tokens.append(dashes)
        if action.option_strings:
            tokens = [(chars.replace('-', ''), lo, hi) for chars, lo, hi in tokens
                      if (chars, lo, hi) != dashes]
            tokens = [t for t in tokens if t[0]]
        return tokens

    def _get_values(self, action, arg_strings):
        if action.nargs != REMAINDER and '--' in arg_strings:
            arg_strings = list(arg_strings)
            arg_strings.remove('--')
        if not arg_strings and action.nargs == OPTIONAL:
            value = action.const if action.option_strings else action.default
            if isinstance(value, str):
                value = self._get_value(action, value)
                self._check_value(action, value)
        elif (not arg_strings and action.nargs == ZERO_OR_MORE
              and not action.option_strings):
            value = action.default if action.default is not None else arg_strings
            self._check_value(action, value)
        elif len(arg_strings) == 1 and action.nargs in [None, OPTIONAL]:
            value = self._get_value(action, arg_strings[0])
            self._check_value(action, value)
        elif action.nargs == REMAINDER:
            value = [self._get_value(action, v) for v in arg_strings]
        else:
            value = [self._get_value(action, v) for v in arg_strings]
            for v in value:
                self._check_value(action, v)
        return value

    def _get_value(self, action, arg_string):
        type_func = action.type
        if type_func is None:
            return arg_string
        try:
            return type_func(arg_string)
        except ArgumentTypeError as err:
            raise ArgumentError(action, str(err))
        except (TypeError, ValueError):
            name = getattr(action.type, '__name__', repr(action.type))
            raise ArgumentError(action, 'invalid %s value: %r' % (name, arg_string))

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = ', '.join(map(repr, action.choices))
            raise ArgumentError(action, 'invalid choice: %r (choose from %s)'
                                % (value, choices))
