"""The units the importer knows by name, the groups usable as "@name", and topic defaults.

The default registry is the one of Từ Sơn, with the keys of directives/data/03-CT-TU-2022.yaml,
so that a proposal loads next to the bundled directive. ``Registry.from_data(units, groups)``
builds one from any directive dictionary (or from the units in the database).
"""

import re
from dataclasses import dataclass, field

from .normalize import ascii_slug

WARD_NAMES = [
    "Châu Khê", "Đình Bảng", "Đồng Kỵ", "Đồng Nguyên", "Đông Ngàn", "Hương Mạc",
    "Phù Chẩn", "Phù Khê", "Tam Sơn", "Tân Hồng", "Trang Hạ", "Tương Giang",
]


def ward_key(name):
    return "p-" + ascii_slug(name)


@dataclass
class Registry:
    units: dict                      # key → {"key", "name", "short_name", "kind", "parent"}
    groups: dict                     # group name → [unit keys]
    aliases: dict = field(default_factory=dict)   # role (duqs, bchqs, police, office, city) → key
    phrases: list = field(default_factory=list)   # (phrase, [unit keys]) matched in the text
    topics: list = field(default_factory=list)    # (regex, [unit keys]) default leads by topic
    tracking_default: str = "duqs"

    @property
    def wards(self):
        """Ward short name → unit key."""
        return {u["short_name"]: k for k, u in self.units.items() if u["kind"] == "ward" and u["short_name"]}

    def key(self, role):
        return self.aliases.get(role, role)

    @classmethod
    def from_data(cls, units, groups, **extra):
        table = {}
        for unit in units or []:
            table[unit["key"]] = {"key": unit["key"], "name": unit.get("name") or unit["key"],
                                  "short_name": unit.get("short_name") or "", "kind": unit.get("kind") or "",
                                  "parent": unit.get("parent")}
        return cls(units=table, groups={k: list(v) for k, v in (groups or {}).items()}, **extra)


def _unit(key, name, short, kind, parent=None):
    return {"key": key, "name": name, "short_name": short, "kind": kind, "parent": parent}


_UNITS = [_unit(ward_key(n), f"Đảng ủy phường {n}", n, "ward") for n in WARD_NAMES] + [
    _unit("vptu", "Văn phòng Thành ủy", "VPTU", "office"),
    _unit("duqs", "Đảng ủy Quân sự thành phố", "ĐUQS", "military"),
    _unit("bchqs", "Ban Chỉ huy Quân sự thành phố", "BCHQS", "military", "duqs"),
    _unit("ca-tp", "Công an thành phố", "Công an", "police"),
    _unit("ubnd-tp", "Ủy ban nhân dân thành phố", "UBND", "department"),
    _unit("ban-tc-tu", "Ban Tổ chức Thành ủy", "Ban Tổ chức", "department"),
    _unit("ban-tg-tu", "Ban Tuyên giáo Thành ủy", "Ban Tuyên giáo", "department"),
    _unit("ban-dv-tu", "Ban Dân vận Thành ủy", "Ban Dân vận", "department"),
    _unit("ubkt-tu", "Ủy ban Kiểm tra Thành ủy", "UBKT", "department"),
    _unit("ttct", "Trung tâm Chính trị thành phố", "TTCT", "department"),
    _unit("phong-noi-vu", "Phòng Nội vụ", "Phòng Nội vụ", "department"),
    _unit("phong-ldtbxh", "Phòng Lao động - Thương binh và Xã hội", "Phòng LĐTBXH", "department"),
    _unit("phong-tc-kh", "Phòng Tài chính - Kế hoạch", "Phòng TC-KH", "department"),
    _unit("phong-vh-tt", "Phòng Văn hóa và Thông tin", "Phòng VH-TT", "department"),
    _unit("phong-gd-dt", "Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "department"),
    _unit("ttyt", "Trung tâm Y tế thành phố", "TTYT", "department"),
    _unit("mttq", "Ủy ban Mặt trận Tổ quốc thành phố", "MTTQ", "mass_org"),
    _unit("doan-tn", "Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố", "Thành đoàn", "mass_org"),
    _unit("hoi-ccb", "Hội Cựu chiến binh thành phố", "Hội CCB", "mass_org"),
    _unit("hoi-pn", "Hội Liên hiệp Phụ nữ thành phố", "Hội LHPN", "mass_org"),
    _unit("hoi-nd", "Hội Nông dân thành phố", "Hội ND", "mass_org"),
    _unit("ldld", "Liên đoàn Lao động thành phố", "LĐLĐ", "mass_org"),
    _unit("dq-co-dong", "Trung đội Dân quân cơ động thành phố", "Trung đội DQCĐ", "militia", "bchqs"),
    _unit("dd-dbdv", "Đại đội dự bị động viên huy động khẩn cấp", "Đại đội DBĐV", "military", "bchqs"),
    _unit("tv-co-quan-tu", "Tự vệ cơ quan Thành ủy", "Tự vệ cơ quan Thành ủy", "self_defence", "bchqs"),
    _unit("tv-co-quan-ubnd", "Tự vệ cơ quan UBND thành phố", "Tự vệ cơ quan UBND", "self_defence", "bchqs"),
    _unit("tv-ttyt", "Tự vệ Trung tâm Y tế thành phố", "Tự vệ TTYT", "self_defence", "bchqs"),
    # Not in 03-CT-TU-2022.yaml: the Party cells, for texts that give them work ("Các chi bộ …").
    _unit("chi-bo", "Các Chi bộ, Đảng bộ cơ sở", "Chi bộ", "party_cell"),
]

_GROUPS = {
    "wards": [ward_key(n) for n in WARD_NAMES],
    "departments": ["ban-tc-tu", "ban-tg-tu", "ban-dv-tu", "ubkt-tu", "ttct", "phong-noi-vu",
                    "phong-ldtbxh", "phong-tc-kh", "phong-vh-tt", "phong-gd-dt", "ttyt"],
    "party_boards": ["ban-tc-tu", "ban-tg-tu", "ban-dv-tu", "ubkt-tu"],
    "mass_orgs": ["mttq", "doan-tn", "hoi-ccb", "hoi-pn", "hoi-nd", "ldld"],
    "militia": ["dq-co-dong"],
    "self_defence": ["tv-co-quan-tu", "tv-co-quan-ubnd", "tv-ttyt"],
    "party_cells": ["chi-bo"],
}

# Phrases of directives that name a unit of Từ Sơn without its full name.
_PHRASES = [
    ("trung đội Dân quân cơ động", ["dq-co-dong"]),
    ("Đại đội dự bị động viên", ["dd-dbdv"]),
    ("cơ quan chức năng của Thành ủy", ["@party_boards"]),
    ("các ban của Thành ủy", ["@party_boards"]),
    ("Ủy ban nhân dân thành phố", ["ubnd-tp"]),
    ("UBND thành phố", ["ubnd-tp"]),
]

# When a task names no unit: who usually leads work on this topic (a proposal, flagged); the
# topic with most hits in the task's text wins, the earlier one on a tie. ("quốc phòng" is left
# out: in a defence directive every sentence has it.)
_TOPICS = [
    (r"tuyên truyền|kỷ niệm|ngày Lễ", ["ban-tg-tu"]),
    (r"Đền ơn đáp nghĩa|hậu phương Quân đội|chính sách|đơn thư", ["phong-ldtbxh"]),
    (r"ngân sách|kinh phí", ["ubnd-tp"]),
    (r"bồi dưỡng kiến thức|giáo dục quốc phòng|kiến thức QP", ["ban-tc-tu"]),
    (r"lòng tin trong nhân dân|dân vận", ["ban-dv-tu"]),
    (r"quán triệt|Nghị quyết Đại hội|tiềm lực chính trị", ["ban-tg-tu"]),
    (r"sẵn sàng chiến đấu|SSCĐ|huấn luyện|diễn tập|tuyển quân|nhập ngũ|giao quân|động viên|"
     r"dự bị|Dân quân|tự vệ|sỹ quan|quân nhân", ["bchqs"]),
]


def default_registry():
    return Registry(
        units={u["key"]: dict(u) for u in _UNITS},
        groups={k: list(v) for k, v in _GROUPS.items()},
        aliases={"duqs": "duqs", "bchqs": "bchqs", "police": "ca-tp", "office": "vptu", "city": "ubnd-tp"},
        phrases=list(_PHRASES),
        topics=[(re.compile(rx, re.I), keys) for rx, keys in _TOPICS],
    )
