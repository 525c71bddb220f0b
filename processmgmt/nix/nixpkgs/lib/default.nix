# The subset of nixpkgs' `lib` that process-management expressions use, written from the
# documented behaviour of nixpkgs' functions (same names, same argument order, same results).
let
  inherit (builtins) length elemAt head tail filter genList concatLists stringLength
    substring isAttrs isList isString isFunction attrNames foldl';

  # --- trivial ---------------------------------------------------------------------------------
  id = x: x;
  const = x: _: x;
  flip = f: a: b: f b a;
  max = x: y: if x > y then x else y;
  min = x: y: if x < y then x else y;
  # The remainder of truncating division: its sign is the dividend's.
  mod = base: int: base - (int * (builtins.div base int));

  # --- lists -----------------------------------------------------------------------------------
  foldr = op: nul: list:
    let
      len = length list;
      fold' = n: if n == len then nul else op (elemAt list n) (fold' (n + 1));
    in fold' 0;

  foldl = op: nul: list:
    let
      fold' = n: if n == -1 then nul else op (fold' (n - 1)) (elemAt list n);
    in fold' (length list - 1);

  range = first: last:
    if first > last then [ ] else genList (n: first + n) (last - first + 1);

  unique = foldl' (acc: e: if builtins.elem e acc then acc else acc ++ [ e ]) [ ];

  flatten = x: if isList x then concatMap flatten x else [ x ];

  concatMap = f: list: concatLists (map f list);

  last = list:
    assert (list != [ ]) || throw "lists.last: list must not be empty!";
    elemAt list (length list - 1);

  init = list:
    assert (list != [ ]) || throw "lists.init: list must not be empty!";
    genList (elemAt list) (length list - 1);

  imap0 = f: list: genList (n: f n (elemAt list n)) (length list);
  imap1 = f: list: genList (n: f (n + 1) (elemAt list n)) (length list);

  intersperse = separator: list:
    if list == [ ] || length list == 1 then list
    else tail (concatMap (x: [ separator x ]) list);

  subtractLists = e: filter (x: !(builtins.elem x e));
  intersectLists = e: filter (x: builtins.elem x e);
  mutuallyExclusive = a: b: length a == 0 || !(builtins.any (x: builtins.elem x a) b);

  optional = cond: elem: if cond then [ elem ] else [ ];
  optionals = cond: elems: if cond then elems else [ ];

  toList = x: if isList x then x else [ x ];

  reverseList = xs: let l = length xs; in genList (n: elemAt xs (l - n - 1)) l;

  findFirst = pred: default: list:
    let found = filter pred list; in if found == [ ] then default else head found;

  count = pred: foldl' (c: x: if pred x then c + 1 else c) 0;

  remove = e: filter (x: x != e);

  take = count: sublist 0 count;
  drop = count: list: sublist count (length list) list;
  sublist = start: count: list:
    let len = length list; in
    genList (n: elemAt list (n + start))
      (if start >= len then 0 else if start + count > len then len - start else count);

  # --- strings ---------------------------------------------------------------------------------
  concatStrings = builtins.concatStringsSep "";
  concatStringsSep = builtins.concatStringsSep;
  concatMapStrings = f: list: concatStrings (map f list);
  concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);
  concatImapStrings = f: list: concatStrings (imap1 f list);
  concatImapStringsSep = sep: f: list: concatStringsSep sep (imap1 f list);

  optionalString = cond: string: if cond then string else "";

  hasPrefix = pref: str: substring 0 (stringLength pref) str == pref;
  hasSuffix = suffix: content:
    let
      lenContent = stringLength content;
      lenSuffix = stringLength suffix;
    in lenContent >= lenSuffix && substring (lenContent - lenSuffix) lenContent content == suffix;
  hasInfix = infix: content:
    builtins.match ".*${escapeRegex infix}.*" "${content}" != null;

  removePrefix = prefix: str:
    let preLen = stringLength prefix; in
    if substring 0 preLen str == prefix then substring preLen (stringLength str - preLen) str else str;
  removeSuffix = suffix: str:
    let
      sufLen = stringLength suffix;
      sLen = stringLength str;
    in
    if sufLen <= sLen && suffix == substring (sLen - sufLen) sufLen str
    then substring 0 (sLen - sufLen) str else str;

  stringToCharacters = s: genList (p: substring p 1 s) (stringLength s);

  escape = list: builtins.replaceStrings list (map (c: "\\${c}") list);
  escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");

  splitString = _sep: _s:
    let
      sep = builtins.unsafeDiscardStringContext _sep;
      s = builtins.unsafeDiscardStringContext _s;
      splits = filter isString (builtins.split (escapeRegex sep) s);
    in map (v: addContextFrom _sep (addContextFrom _s v)) splits;

  addContextFrom = a: b: substring 0 0 a + b;

  lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
  upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  toLower = builtins.replaceStrings upperChars lowerChars;
  toUpper = builtins.replaceStrings lowerChars upperChars;

  escapeShellArg = arg: "'${builtins.replaceStrings [ "'" ] [ "'\\''" ] (toString arg)}'";
  escapeShellArgs = concatMapStringsSep " " escapeShellArg;

  makeSearchPath = subDir: paths:
    concatStringsSep ":" (map (path: path + "/" + subDir) (filter (x: x != null) paths));
  getOutput = output: pkg:
    if !pkg ? outputSpecified || !pkg.outputSpecified then pkg.${output} or pkg.out or pkg else pkg;
  getBin = getOutput "bin";
  getLib = getOutput "lib";
  getDev = getOutput "dev";
  makeSearchPathOutput = output: subDir: pkgs: makeSearchPath subDir (map (getOutput output) pkgs);
  makeBinPath = makeSearchPathOutput "bin" "bin";
  makeLibraryPath = makeSearchPathOutput "lib" "lib";

  fixedWidthString = width: filler: str:
    let
      strw = stringLength str;
    in
    assert strw <= width
      || throw "fixedWidthString: requested string length (${toString width}) must not be shorter than actual length (${toString strw})";
    if strw == width then str else filler + fixedWidthString (width - stringLength filler) filler str;
  fixedWidthNumber = width: n: fixedWidthString width "0" (toString n);

  getName = x: x.pname or (builtins.parseDrvName x.name).name;
  getExe = x: "${getBin x}/bin/${x.meta.mainProgram or (getName x)}";

  fileContents = file: removeSuffix "\n" (builtins.readFile file);

  versionOlder = v1: v2: builtins.compareVersions v2 v1 == 1;
  versionAtLeast = v1: v2: !versionOlder v1 v2;

  # --- attribute sets --------------------------------------------------------------------------
  nameValuePair = name: value: { inherit name value; };
  listToAttrs = builtins.listToAttrs;
  attrValues = builtins.attrValues;
  mapAttrs = builtins.mapAttrs;
  mapAttrs' = f: set: listToAttrs (map (attr: f attr set.${attr}) (attrNames set));
  mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (attrNames attrs);
  filterAttrs = pred: set:
    listToAttrs (concatMap (name: let v = set.${name}; in if pred name v then [ (nameValuePair name v) ] else [ ]) (attrNames set));
  genAttrs = names: f: listToAttrs (map (n: nameValuePair n (f n)) names);
  optionalAttrs = cond: as: if cond then as else { };
  attrByPath = attrPath: default: e:
    let attr = head attrPath; in
    if attrPath == [ ] then e
    else if e ? ${attr} then attrByPath (tail attrPath) default e.${attr}
    else default;
  hasAttrByPath = attrPath: e:
    let attr = head attrPath; in
    if attrPath == [ ] then true
    else if e ? ${attr} then hasAttrByPath (tail attrPath) e.${attr}
    else false;
  getAttrFromPath = attrPath: set:
    attrByPath attrPath (abort ("cannot find attribute `" + concatStringsSep "." attrPath + "'")) set;
  catAttrs = builtins.catAttrs;

  zipAttrsWithNames = names: f: sets:
    listToAttrs (map (name: {
      inherit name;
      value = f name (catAttrs name sets);
    }) names);
  zipAttrsWith = f: sets: zipAttrsWithNames (concatMap attrNames sets) f sets;
  zipAttrs = zipAttrsWith (name: values: values);

  recursiveUpdateUntil = pred: lhs: rhs:
    let
      f = attrPath:
        zipAttrsWith (n: values:
          let here = attrPath ++ [ n ]; in
          if length values == 1 || pred here (elemAt values 1) (head values) then head values
          else f here values);
    in f [ ] [ rhs lhs ];
  recursiveUpdate = recursiveUpdateUntil (path: lhs: rhs: !(isAttrs lhs && isAttrs rhs));

  isDerivation = value: value.type or null == "derivation";

  boolToString = b: if b then "true" else "false";
  toInt = str:
    let may = builtins.fromJSON str; in
    if builtins.isInt may then may else throw "Could not convert ${str} to int.";

  # --- generators (configuration files) --------------------------------------------------------
  mkValueStringDefault = { }: v:
    if builtins.isInt v then toString v
    else if isString v then v
    else if true == v then "true"
    else if false == v then "false"
    else if null == v then "null"
    else if builtins.isFloat v then toString v
    else abort "generators.mkValueStringDefault: ${builtins.typeOf v} not supported";
  mkKeyValueDefault = { mkValueString ? mkValueStringDefault { } }: sep: k: v:
    "${escape [ sep ] k}${sep}${mkValueString v}";
  toKeyValue = { mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }: attrs:
    let
      mkLine = k: v: mkKeyValue k v + "\n";
      mkLines = if listsAsDuplicateKeys
        then k: v: map (mkLine k) (if isList v then v else [ v ])
        else k: v: [ (mkLine k v) ];
    in concatStrings (concatLists (mapAttrsToList mkLines attrs));
  toINI = { mkSectionName ? (name: escape [ "[" "]" ] name), mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }: attrsOfAttrs:
    let
      mkSection = sectName: sectValues: ''
        [${mkSectionName sectName}]
      '' + toKeyValue { inherit mkKeyValue listsAsDuplicateKeys; } sectValues;
    in concatStringsSep "\n" (mapAttrsToList mkSection attrsOfAttrs);
  generators = { inherit mkValueStringDefault mkKeyValueDefault toKeyValue toINI; toJSON = { }: builtins.toJSON; };

  # Module-system priorities (only the markers; there is no module system here).
  mkOverride = priority: content: { _type = "override"; inherit priority content; };
  mkDefault = mkOverride 1000;
  mkForce = mkOverride 50;

  # --- functions -------------------------------------------------------------------------------
  # nixpkgs' makeOverridable: the result of `f origArgs` gets `override` (f called again with
  # arguments changed: a set, or a function of the old ones) and keeps it through overrideAttrs
  # and overrideDerivation.
  makeOverridable = f: origArgs:
    let
      result = f origArgs;
      overrideArgs = newArgs: makeOverridable f (origArgs // (if isFunction newArgs then newArgs origArgs else newArgs));
      overrideResult = g: makeOverridable (args: g (f args)) origArgs;
    in
    if isAttrs result then
      result // {
        override = overrideArgs;
        overrideDerivation = fdrv: overrideResult (x: overrideDerivation x fdrv);
      } // (if result ? overrideAttrs then { overrideAttrs = fdrv: overrideResult (x: x.overrideAttrs fdrv); } else { })
    else if isFunction result then
      { override = overrideArgs; __functor = self: result; }
    else result;

  # The derivation again, with its attributes changed by `f drv` (nixpkgs' overrideDerivation).
  overrideDerivation = drv: f:
    let newDrv = derivation (drv.drvAttrs // (f drv)); in
    newDrv // { meta = drv.meta or { }; passthru = drv.passthru or { }; } // (drv.passthru or { });

  callPackageWith = autoArgs: fn: args:
    let
      f = if isFunction fn then fn else import fn;
      auto = builtins.intersectAttrs (builtins.functionArgs f) autoArgs;
    in makeOverridable f (auto // args);
in
{
  inherit id const flip foldr foldl range unique flatten concatMap last init imap0 imap1
    intersperse optional optionals toList reverseList findFirst count remove take drop sublist
    concatStrings concatStringsSep concatMapStrings concatMapStringsSep concatImapStrings
    concatImapStringsSep optionalString hasPrefix hasSuffix hasInfix removePrefix removeSuffix
    stringToCharacters escape escapeRegex splitString addContextFrom toLower toUpper
    escapeShellArg escapeShellArgs makeSearchPath getOutput getBin getLib getDev
    makeSearchPathOutput makeBinPath makeLibraryPath fixedWidthString fixedWidthNumber getName getExe
    max min mod fileContents versionOlder versionAtLeast
    nameValuePair listToAttrs attrValues mapAttrs mapAttrs' mapAttrsToList filterAttrs genAttrs
    optionalAttrs attrByPath hasAttrByPath getAttrFromPath catAttrs zipAttrsWithNames
    zipAttrsWith zipAttrs recursiveUpdateUntil recursiveUpdate isDerivation callPackageWith makeOverridable overrideDerivation boolToString toInt generators
    subtractLists intersectLists mutuallyExclusive mkOverride mkDefault mkForce;
  inherit (builtins) attrNames elem any all length head tail filter elemAt genList concatLists
    isAttrs isList isString isFunction isInt isBool isFloat isPath toJSON fromJSON substring
    stringLength replaceStrings match split sort typeOf trace seq deepSeq baseNameOf dirOf
    readFile pathExists removeAttrs intersectAttrs functionArgs hasAttr getAttr tryEval
    compareVersions toPath;
  foldl' = builtins.foldl';
  strings = { inherit concatStrings concatStringsSep hasPrefix hasSuffix splitString toLower toUpper escapeShellArg; };
  lists = { inherit foldr foldl range unique flatten last init optional optionals; };
  attrsets = { inherit mapAttrsToList filterAttrs genAttrs recursiveUpdate zipAttrsWith; };
  versions = { };
  maintainers = { sander = { email = "svanderburg@gmail.com"; github = "svanderburg"; name = "Sander van der Burg"; }; };
  licenses = { };
  platforms = rec { linux = [ "x86_64-linux" "i686-linux" "aarch64-linux" "armv7l-linux" ]; darwin = [ "x86_64-darwin" "aarch64-darwin" ]; unix = linux ++ darwin; all = unix; };
}
