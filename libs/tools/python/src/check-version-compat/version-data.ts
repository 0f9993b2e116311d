/**
 * Standard-library modules and members with the Python 3 minor version that added them
 * (from the "New in version 3.N" notes of the library reference, as vermin tracks them).
 */
export const STDLIB_MODULES: Record<string, number> = {
  asyncio: 4, enum: 4, pathlib: 4, selectors: 4, statistics: 4, tracemalloc: 4, ensurepip: 4,
  typing: 5, zipapp: 5, secrets: 6, contextvars: 7, dataclasses: 7, 'importlib.resources': 7,
  'importlib.metadata': 8, zoneinfo: 9, graphlib: 9, tomllib: 11, 'wsgiref.types': 11,
};

export const STDLIB_MEMBERS: Record<string, number> = {
  'math.isqrt': 8, 'math.prod': 8, 'math.dist': 8, 'math.comb': 8, 'math.perm': 8, 'math.lcm': 9, 'math.nextafter': 9,
  'math.ulp': 9, 'math.cbrt': 11, 'math.exp2': 11, 'math.sumprod': 12, 'math.fma': 13,
  'functools.cached_property': 8, 'functools.singledispatchmethod': 8, 'functools.cache': 9,
  'typing.Literal': 8, 'typing.Final': 8, 'typing.final': 8, 'typing.Protocol': 8, 'typing.TypedDict': 8, 'typing.runtime_checkable': 8,
  'typing.Annotated': 9, 'typing.ParamSpec': 10, 'typing.Concatenate': 10, 'typing.TypeAlias': 10, 'typing.TypeGuard': 10,
  'typing.is_typeddict': 10, 'typing.Self': 11, 'typing.LiteralString': 11, 'typing.Never': 11, 'typing.Required': 11,
  'typing.NotRequired': 11, 'typing.assert_never': 11, 'typing.assert_type': 11, 'typing.reveal_type': 11,
  'typing.dataclass_transform': 11, 'typing.TypeVarTuple': 11, 'typing.Unpack': 11, 'typing.override': 12,
  'typing.TypeAliasType': 12, 'typing.TypeIs': 13, 'typing.ReadOnly': 13, 'typing.NoDefault': 13,
  'asyncio.run': 7, 'asyncio.create_task': 7, 'asyncio.get_running_loop': 7, 'asyncio.current_task': 7, 'asyncio.all_tasks': 7,
  'asyncio.to_thread': 9, 'asyncio.TaskGroup': 11, 'asyncio.timeout': 11, 'asyncio.timeout_at': 11, 'asyncio.Runner': 11, 'asyncio.Barrier': 11,
  'asyncio.eager_task_factory': 12,
  'itertools.accumulate': 2, 'itertools.pairwise': 10, 'itertools.batched': 12,
  'contextlib.nullcontext': 7, 'contextlib.asynccontextmanager': 7, 'contextlib.AsyncExitStack': 7, 'contextlib.aclosing': 10, 'contextlib.chdir': 11,
  'datetime.UTC': 11, 'datetime.datetime.fromisoformat': 7, 'datetime.date.fromisocalendar': 8,
  'os.add_dll_directory': 8, 'os.memfd_create': 8, 'os.waitstatus_to_exitcode': 9, 'os.pidfd_open': 9, 'os.eventfd': 10,
  'os.process_cpu_count': 13, 'shlex.join': 8, 'shutil.copytree': 0,
  'statistics.fmean': 8, 'statistics.geometric_mean': 8, 'statistics.multimode': 8, 'statistics.NormalDist': 8,
  'statistics.correlation': 10, 'statistics.covariance': 10, 'statistics.linear_regression': 10,
  'sys.unraisablehook': 8, 'sys.pycache_prefix': 8, 'sys.platlibdir': 9, 'sys.orig_argv': 10, 'sys.stdlib_module_names': 10,
  'sys.exception': 11, 'sys.monitoring': 12, 'sys.activate_stack_trampoline': 12, 'sys._is_gil_enabled': 13,
  'subprocess.run': 5, 'enum.StrEnum': 11, 'enum.verify': 11, 'enum.ReprEnum': 11, 'enum.auto': 6, 'enum.Flag': 6, 'enum.IntFlag': 6,
  'dataclasses.KW_ONLY': 10, 'random.randbytes': 9, 'random.binomialvariate': 12, 'html.unescape': 4,
  'zoneinfo.ZoneInfo': 9, 'graphlib.TopologicalSorter': 9, 'tomllib.load': 11, 'tomllib.loads': 11,
  'hashlib.file_digest': 11, 'logging.getLevelNamesMapping': 11, 'operator.call': 11, 'inspect.get_annotations': 10,
  'bisect.bisect_left': 0, 'types.NoneType': 10, 'types.EllipsisType': 10, 'types.NotImplementedType': 10, 'types.UnionType': 10,
  'types.GenericAlias': 9, 'warnings.deprecated': 13, 'copy.replace': 13, 'pathlib.UnsupportedOperation': 13,
  'string.templatelib': 14,
  // builtins
  breakpoint: 7, aiter: 10, anext: 10, ExceptionGroup: 11, BaseExceptionGroup: 11, EncodingWarning: 10,
  ModuleNotFoundError: 6, RecursionError: 5, StopAsyncIteration: 5,
};

/** Methods of builtin types, recognised by name at a call (`x.removeprefix(...)`), as vermin does. */
export const BUILTIN_METHODS: Record<string, [string, number]> = {
  removeprefix: ['str.removeprefix', 9], removesuffix: ['str.removesuffix', 9], bit_count: ['int.bit_count', 10],
  is_relative_to: ['pathlib.PurePath.is_relative_to', 9], with_stem: ['pathlib.PurePath.with_stem', 9],
  hardlink_to: ['pathlib.Path.hardlink_to', 10], is_junction: ['pathlib.Path.is_junction', 12], walk: ['pathlib.Path.walk', 12],
};

/** Keyword arguments added to existing callables. */
export const KEYWORD_ARGS: Record<string, Record<string, number>> = {
  zip: { strict: 10 },
  'dataclasses.dataclass': { slots: 10, kw_only: 10, match_args: 10, weakref_slot: 11 },
  dataclass: { slots: 10, kw_only: 10, match_args: 10, weakref_slot: 11 },
  'bisect.bisect_left': { key: 10 }, 'bisect.bisect_right': { key: 10 }, 'bisect.insort': { key: 10 },
  'subprocess.run': { capture_output: 7, text: 7 }, 'subprocess.check_output': { text: 7 },
  'shutil.copytree': { dirs_exist_ok: 8 }, 'logging.basicConfig': { force: 8, encoding: 9 },
  'functools.lru_cache': {}, 'int.to_bytes': {},
  'open': {}, 'print': {},
};
