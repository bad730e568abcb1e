"""Units named in a clause, and who leads and who coordinates."""

import re
from dataclasses import dataclass

_I = re.I
# (pattern, roles or "@group"); earlier patterns win over overlapping later ones.
# (keywords, pattern, roles or "@group"): the pattern runs only when a keyword is in the text;
# earlier patterns win over overlapping later ones.
_PATTERNS = [
    (["quân sự", "đuqs"], r"Đảng ủy Quân sự(?! tỉnh)(?: thành phố)?|ĐUQS(?! tỉnh)(?: thành phố)?", ["duqs"]),
    (["quân sự", "bchqs"], r"Ban Chỉ huy Quân sự(?! tỉnh| phường)(?: thành phố)?|BCHQS(?! phường)(?: thành phố)?"
     r"|(?:lực lượng|cơ quan) Quân sự(?! địa phương)(?: thành phố)?", ["bchqs"]),
    (["công an"], r"(?:lực lượng )?Công an(?! nhân dân| phường)(?: thành phố)?", ["police"]),
    (["văn phòng thành ủy", "vptu"], r"Văn phòng Thành ủy|VPTU", ["office"]),
    (["các phường"], r"(?:Đảng ủy |Ủy ban nhân dân |UBND )?các phường", ["@wards"]),
    (["đoàn thể"], r"các (?:cơ quan, )?phòng, ban, ngành,? (?:Mặt trận Tổ quốc và )?(?:các )?đoàn thể"
     r"(?: thành phố)?", ["@departments", "@mass_orgs"]),
    (["ban, ngành", "phòng, ban"], r"các (?:cơ quan, )?(?:phòng, ban, ngành|ban, ngành|phòng, ban)"
     r"(?: thành phố)?", ["@departments"]),
    (["đoàn thể"], r"(?:Mặt trận Tổ quốc và )?các đoàn thể(?: thành phố)?", ["@mass_orgs"]),
    (["dân quân", "dqtv"], r"(?:lực lượng )?Dân quân tự vệ|DQTV", ["@militia", "@self_defence"]),
    (["tự vệ"], r"(?:các )?(?:đơn vị|lực lượng) tự vệ", ["@self_defence"]),
    (["dân quân"], r"(?:lực lượng |trung đội |tiểu đội )?Dân quân(?: cơ động| thường trực)?", ["@militia"]),
    (["chi bộ", "đảng bộ cơ sở"], r"(?:các )?Chi bộ|Chi, Đảng bộ cơ sở|Đảng bộ cơ sở", ["@party_cells"]),
]
_COMPILED = [(words, re.compile(p, _I), keys) for words, p, keys in _PATTERNS]


# A ward's own bodies ("Ban Chỉ huy Quân sự phường", "Công an phường Đình Bảng"): the ward's
# work, never the city's unit of the same name. Named, the ward named; unnamed, the ward that
# issued the document (a ward-level directive), else nobody (the editor chooses).
_WARD_ORGAN = re.compile(
    r"(?:Ban Chỉ huy Quân sự|BCHQS|Công an|Ủy ban nhân dân|UBND|Hội đồng nghĩa vụ quân sự)\s+phường(?!\w)", _I)


def home_ward(registry, issuing_organ):
    """The key of the ward that issued a document, from its issuing organ (ĐẢNG ỦY PHƯỜNG
    TƯƠNG GIANG), or None for a city-level document."""
    text = " ".join((issuing_organ or "").lower().split())
    for ward, key in registry.wards.items():
        if text.endswith("phường " + ward.lower()):
            return key
    return None


def _ward_organs(text, registry, home):
    """(start, end, keys) of each mention of a ward's own body; keys empty when unknown."""
    wards = sorted(registry.wards.items(), key=lambda w: len(w[0]), reverse=True)
    for m in _WARD_ORGAN.finditer(text):
        for name, key in wards:
            named = re.match(r"\s+" + re.escape(name) + r"(?!\w)", text[m.end():], _I)
            if named:
                yield m.start(), m.end() + named.end(), [key]
                break
        else:
            yield m.start(), m.end(), [home] if home else []


@dataclass
class Mention:
    start: int
    end: int
    keys: list


def _ward_pattern(wards):
    names = sorted(wards, key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names) + "|" + "|".join(re.escape(n.upper()) for n in names)
    return re.compile(r"(?:[Pp]hường |PHƯỜNG )?(?<!\w)(" + alts + r")(?!\w)")


def _registry_patterns(registry):
    """Phrases and full unit names of the registry, longest first (cached on the registry)."""
    cached = getattr(registry, "_patterns", None)
    if cached is None:
        entries = [(phrase, keys) for phrase, keys in registry.phrases]
        entries += [(u["name"], [k]) for k, u in registry.units.items() if u["kind"] != "ward" and u["name"]]
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        cached = [([p.lower()], re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)", _I), keys)
                  for p, keys in entries]
        wards = registry.wards
        cached = (_ward_pattern(wards) if wards else None, wards, cached)
        try:
            registry._patterns = cached
        except AttributeError:
            pass
    return cached


def _resolve(registry, roles):
    keys = []
    for role in roles:
        if role.startswith("@"):
            if role[1:] in registry.groups:
                keys.append(role)
        elif registry.key(role) in registry.units:
            keys.append(registry.key(role))
    return keys


def find_mentions(text, registry, masked=(), home=None):
    """Every unit mention in ``text``: [Mention(start, end, [unit keys or "@group"])].
    `home`: the key of the ward that issued the document, for its own unnamed bodies."""
    taken = [(s, e) for s, e in masked]
    found = []

    def take(start, end, keys):
        if keys and not any(start < te and ts < end for ts, te in taken):
            found.append(Mention(start, end, keys))
            taken.append((start, end))

    ward_rx, wards, patterns = _registry_patterns(registry)
    lower = text.lower()
    if "phường" in lower:
        for start, end, keys in _ward_organs(text, registry, home):
            if keys:
                take(start, end, keys)
            else:  # kept from the city's units of the same name, and left to the editor
                taken.append((start, end))
    if ward_rx is not None and any(n.lower() in lower for n in wards):
        upper = {n.upper(): k for n, k in wards.items()}
        for m in ward_rx.finditer(text):
            key = wards.get(m.group(1)) or upper.get(m.group(1))
            take(m.start(), m.end(), [key] if key else [])
    for words, rx, roles in patterns + _COMPILED:
        if any(w in lower for w in words):
            for m in rx.finditer(text):
                take(m.start(), m.end(), _resolve(registry, roles))
    return sorted(found, key=lambda x: x.start)


_COORD = re.compile(r"(?:chủ trì,? )?phối hợp(?: chặt chẽ)?(?: với)?|cùng với", _I)
_DIRECTS = re.compile(r"(?:chỉ đạo|giao|yêu cầu|đề nghị)\s+$", _I)
_BENEFICIARY = re.compile(r"(?:\bcho|đối với|của|trong|về|tại|đến|tới)\s+(?:các\s+)?$", _I)
_CHAIN_GAP = re.compile(r"^(?:\s*,\s*|\s+và\s+|\s+cùng\s+|\s*,\s*và\s+|\s+)$", _I)
_CLAUSE_START = re.compile(r"^(?:Căn cứ [^,]{0,60},\s*|Tiếp tục\s+)?", _I)


def _chains(text, mentions):
    """Group mentions listed together ("phường Đình Bảng, Tương Giang")."""
    chains = []
    for m in mentions:
        if chains and _CHAIN_GAP.match(text[chains[-1][-1].end:m.start]):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def _add(target, keys):
    for key in keys:
        if key not in target:
            target.append(key)


def assign_roles(text, registry, masked=(), home=None):
    """(lead, coordinating) unit keys for one clause, from the units it names."""
    mentions = find_mentions(text, registry, masked, home)
    lead, coordinating = [], []
    if not mentions:
        return lead, coordinating
    coord = _COORD.search(text)
    start = _CLAUSE_START.match(text).end()
    for chain in _chains(text, mentions):
        first = chain[0]
        keys = [k for m in chain for k in m.keys]
        before = text[max(0, first.start - 25):first.start]
        if coord and first.start >= coord.end() and first.start - coord.end() < 40:
            _add(coordinating, keys)
        elif coord and first.end <= coord.start() and not _BENEFICIARY.search(before):
            _add(lead, keys)
        elif first.start <= start + 1 or _DIRECTS.search(before):
            _add(lead, keys)
        elif _BENEFICIARY.search(before):
            continue
        else:
            _add(coordinating, keys)
    coordinating = [k for k in coordinating if k not in lead]
    return lead, coordinating
