#!/usr/bin/env python3
"""A national-scale corpus made from the bundled cities, each copy worded differently.

Each bundled city is copied under new ids (`ise-0001`, …) until the site reaches the
pages asked for; the originals keep their ids, since forms/ names them. Every copy is
perturbed, deterministically from its own number, the way real municipalities differ:

- its place: a new city name with its reading, a prefecture, and new names for the towns,
  districts and facilities it lists (the stem replaced wherever the guide says it, so
  伊勢市高齢・障がい福祉課 becomes 北川市高齢・障がい福祉課);
- its contacts: phone and fax numbers, house numbers of addresses, counts of people;
- its wording: some of its words (kanji compounds, katakana words) swapped for other
  words of the bundled guides, and some sentences of its prose dropped or said twice.

Ids, keys, links, dates, numbers outside the text and the structure stay as they were, so
`tebiki check` passes on the corpus. Only text is touched: the string values of prose keys
(a closed list, so that no value a check compares is changed) and the Markdown bodies;
place names are replaced in every string, the same way in every file of a copy.

Usage: bench/corpus.py OUT --copies N   (N of each bundled city, the original included;
       354 make the 1,770 municipalities of bench/site.py --pages 35000)
"""

import argparse
import functools
import multiprocessing
import os
import random
import re
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# String values under these keys are prose a reader sees: their words may change. Any
# other key (ids, references, enumerations such as `per` or `phase`, readings, labels a
# table groups on) keeps its value, but for the place names that run through it.
PROSE_KEYS = {
    "summary", "title", "items", "cells", "duties", "note", "notes", "question", "answer",
    "points", "what", "definition", "means", "description", "purpose", "outcome",
    "conditions", "section", "local_name", "asker_label",
}

# Pieces of real place names with their readings; two make a town (北 + 川 = 北川, きたがわ).
FIRST = [("北", "きた"), ("南", "みなみ"), ("東", "ひがし"), ("西", "にし"), ("大", "おお"),
         ("小", "お"), ("上", "かみ"), ("下", "しも"), ("高", "たか"), ("長", "なが"),
         ("石", "いし"), ("松", "まつ"), ("竹", "たけ"), ("梅", "うめ"), ("桜", "さくら"),
         ("柏", "かしわ"), ("杉", "すぎ"), ("岩", "いわ"), ("鶴", "つる"), ("亀", "かめ"),
         ("富", "とみ"), ("豊", "とよ"), ("白", "しら"), ("黒", "くろ"), ("赤", "あか"),
         ("青", "あお"), ("若", "わか"), ("新", "にい"), ("古", "ふる"), ("本", "もと"),
         ("今", "いま"), ("宮", "みや"), ("藤", "ふじ"), ("菊", "きく"), ("芦", "あし"),
         ("栗", "くり"), ("柳", "やなぎ"), ("浅", "あさ"), ("深", "ふか"), ("金", "かな")]
SECOND = [("山", "やま"), ("川", "かわ"), ("田", "た"), ("野", "の"), ("原", "はら"),
          ("沢", "さわ"), ("島", "しま"), ("浜", "はま"), ("崎", "さき"), ("岡", "おか"),
          ("谷", "や"), ("津", "つ"), ("浦", "うら"), ("瀬", "せ"), ("尾", "お"),
          ("井", "い"), ("坂", "さか"), ("森", "もり"), ("林", "ばやし"), ("江", "え"),
          ("橋", "はし"), ("里", "さと"), ("根", "ね"), ("倉", "くら"), ("丘", "おか"),
          ("塚", "づか"), ("戸", "と"), ("部", "べ"), ("見", "み"), ("内", "うち"),
          ("口", "ぐち"), ("木", "き"), ("畑", "はた"), ("城", "しろ"), ("堀", "ぼり"),
          ("淵", "ぶち"), ("峰", "みね"), ("袋", "ぶくろ"), ("河", "かわ"), ("郷", "ごう"),
          ("台", "だい"), ("路", "じ"), ("磯", "いそ"), ("平", "だいら"), ("室", "むろ")]
PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県").split()
# Names that facilities go by (ひまわり苑, 青葉の家).
FACILITY_NAMES = ["ひまわり", "さくら", "あおば", "すみれ", "けやき", "みどり", "つばさ", "ふれあい",
                  "やまびこ", "こもれび", "ひだまり", "わかば", "なごみ", "ほほえみ", "あゆみ", "のぞみ",
                  "かがやき", "めぐみ", "いぶき", "しらかば", "若竹", "白梅", "青葉", "緑風", "清流",
                  "陽光", "朝日", "虹の丘", "光風", "松風"]
FACILITY_KINDS = ["園", "苑", "荘", "の家", "の里", "ハウス", "ホーム", "会館", "館", "センター"]
SUFFIX_READING = {"市": "し", "町": "ちょう", "村": "むら", "区": "く", "圏域": "けんいき"}

KANJI = "一-鿿々〆ヵヶ"
# A whole kanji compound or katakana word; one longer than SWAPPED_LENGTH is never swapped,
# so that no compound is cut (地域生活支援拠点等相談強化加算 stays whole).
WORD = re.compile(rf"([{KANJI}]{{2,}}|[ァ-ヴー]{{3,}})")
SWAPPED_LENGTH = 8
# A run of digits, and what it counts when that is a house number or people: 4丁目, 3人.
NUMBER = re.compile(r"[0-9０-９][0-9０-９,，.-]*(番地|番|号|丁目|人|名|件|か所|箇所)?")
# 0154-38-1181, 059-354-8527, and the local 354-8527 of a guide that gives the area code once.
PHONE = re.compile(r"(?:0[0-9]{1,4}-)?[0-9]{2,4}-[0-9]{4}")
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
SENTENCE = re.compile(r"[^。]*。|[^。]+$")
# Toml, as far as the corpus needs it: comments, strings (with the key they belong to), the rest.
TOML = re.compile(r'''(?P<comment>\#[^\n]*)|(?P<ml>"""[\s\S]*?"""(?!"))|(?P<bs>"(?:[^"\\\n]|\\.)*")'''
                  r'''|(?P<mllit>\'\'\'[\s\S]*?\'\'\'(?!\'))|(?P<lit>'[^'\n]*')|(?P<key>[A-Za-z0-9_-]+)(?=[ \t]*=)|(?P<other>[^#"'A-Za-z0-9_-]+|[A-Za-z0-9_-]+)''')


def toml_segments(text):
    """A TOML text as [(key or None, piece)]: each string literal with its key, the rest with None."""
    segments, key = [], None
    for m in TOML.finditer(text):
        kind = m.lastgroup
        if kind == "key":
            key = m.group()
        if kind in ("ml", "bs", "mllit", "lit"):
            segments.append((key, m.group()))
        elif segments and segments[-1][0] is None:
            segments[-1] = (None, segments[-1][1] + m.group())
        else:
            segments.append((None, m.group()))
    return segments


def markdown_segments(text):
    """A page as segments: its TOML front matter as toml_segments gives them, then its body ('md')."""
    m = re.match(r"\+\+\+\n(.*?\n)\+\+\+\n", text, re.S)
    if not m:
        return [("md", text)]
    return [(None, "+++\n")] + toml_segments(m.group(1)) + [(None, "+++\n"), ("md", text[m.end():])]


def place_stem(name):
    """The place a city's name starts from: 伊勢 of 伊勢市, 四日市 of 四日市市."""
    for suffix in ("市", "町", "村", "区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


class Source:
    """One bundled city, read and cut into pieces once, so that each copy only rewrites text."""

    def __init__(self, folder):
        self.folder = folder
        self.files = []  # (relative path, "toml" and its segments | "csv" and its text | "copy" and its bytes)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder)
            if path.suffix not in (".toml", ".md", ".csv"):
                self.files.append((rel, "copy", path.read_bytes()))
                continue
            text = path.read_bytes().decode("utf-8")  # as it is: CRLF and BOM stay
            if path.suffix == ".toml":
                self.files.append((rel, "toml", toml_segments(text)))
            elif path.suffix == ".md":
                self.files.append((rel, "toml", markdown_segments(text)))
            else:
                self.files.append((rel, "csv", text))
        city = (folder / "city.toml").read_text(encoding="utf-8")
        self.name = re.search(r'(?m)^name = "([^"]*)"', city).group(1)
        self.reading = re.search(r'(?m)^reading = "([^"]*)"', city).group(1)
        self.prefecture = re.search(r'(?m)^prefecture = "([^"]*)"', city).group(1)
        self.hokkaido_only = '"kyoju"' in re.search(r'(?m)^functions = (.*)$', city).group(1)
        members = [place_stem(n) for n in re.findall(r'(?ms)^\[\[member\]\].*?^name = "([^"]*)"', city)]
        stem = place_stem(self.name)
        if stem == self.name and members:
            # An area (四日市障害保健福祉圏域) is named after its first member's place.
            stem = members[0]
        self.stem = stem
        self.suffix = next((s for s in SUFFIX_READING if self.name.endswith(s)), "市")
        # Places and facilities of this guide besides the city itself, which every copy renames.
        self.places = [m for m in members if m != stem]
        self.facilities = []
        for rel, kind, text in self.files:
            if kind == "csv":
                rows = [line.split(",") for line in text.lstrip("\ufeff").splitlines()[1:]]
                for row in rows:
                    if len(row) >= 6:
                        # 富洲原 is a district and its centre; ハピネスやさと is a facility's own name.
                        named = re.fullmatch(rf"[{KANJI}]+", row[0])
                        (self.places if named else self.facilities).append(row[0])
                        street = re.match(rf"[{KANJI}ぁ-んァ-ヴー]{{2,}}?(?=町|[一二三四五六七八九十]+丁目|[0-9])", row[4])
                        if street:
                            self.places.append(street.group())
                        self.places += [a for a in re.split(r"[、・()（）]", row[5])
                                        if len(a) >= 2 and not re.search("以外|丁目", a)]
        for _, kind, segments in self.files:
            if kind == "toml":
                for key, piece in segments:
                    if key == "address":
                        # 釧路市文苑4丁目: the district after the city's name.
                        self.places += re.findall(rf"(?:市|町|村)([{KANJI}]{{2,3}}?)(?=町|[0-9０-９一二三四五六七八九十])",
                                                  piece)
                    if key == "name":
                        town = re.match(rf"([{KANJI}]{{2,3}}?)(町|村)", piece.strip('"'))
                        if town and town.group(1) != stem:
                            self.places.append(town.group(1))
        names = {stem, self.prefecture, *self.places, *self.facilities}
        self.places = sorted(set(self.places) - {stem})
        self.facilities = sorted(set(self.facilities) - set(self.places))
        self.proper = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
        # The words of its prose that a copy may swap: not the names of its places, not a fee in
        # units (a fee is national: a city's text never gains one by a swap).
        words = set()
        for _, kind, data in self.files:
            if kind == "toml":
                texts = [p for k, p in data if k in PROSE_KEYS or k == "md"]
            elif kind == "csv":
                texts = [data]
            else:
                continue
            for text in texts:
                words.update(w for w in WORD.findall(text)
                             if len(w) <= SWAPPED_LENGTH and "単位" not in w and not self.proper.search(w))
        self.words = sorted(words)


def word_class(word):
    """Words are swapped for words of the same script (katakana or kanji) and length."""
    return ("ァ" <= word[0] <= "ヴ", len(word))


@functools.cache
def split_words(text):
    """A text cut into words and what lies between them: [between, word, between, …]."""
    return WORD.split(text)


def vocabulary(sources):
    """The words of the bundled guides, by script and length: what a copy's words are swapped for."""
    words = {}
    for source in sources:
        for word in source.words:
            words.setdefault(word_class(word), set()).add(word)
    return {k: sorted(v) for k, v in words.items()}


class Copy:
    """The changes that make one copy differ: chosen once from its number, applied to every file."""

    def __init__(self, source, index, number, words):
        self.rng = random.Random(f"{source.folder.name}-{number}")
        rng = self.rng
        self.id = f"{source.folder.name}-{number:04d}"
        stem, reading = self.town(index)
        self.name = source.name.replace(source.stem, stem, 1)
        self.reading = reading + SUFFIX_READING[source.suffix]
        # 居住支援機能 is Hokkaido's own: a city that lists it stays there.
        prefecture = source.prefecture if source.hokkaido_only else rng.choice(PREFECTURES)
        rename = {source.stem: stem, source.prefecture: prefecture}
        for n, place in enumerate(source.places):
            rename[place] = self.town(index * 97 + n + 1)[0]
        for facility in source.facilities:
            rename[facility] = rng.choice(FACILITY_NAMES) + rng.choice(FACILITY_KINDS)
        self.rename = rename
        self.proper = source.proper
        # About one word in twelve becomes another word of the guides, of the same script and length.
        self.swaps = {}
        for word in rng.sample(source.words, len(source.words) // 12):
            pool = words.get(word_class(word), ())
            if pool:
                self.swaps[word] = rng.choice(pool)
        self.phones = {}
        self.areas = {}
        self.numbers = {}

    @staticmethod
    def town(k):
        """The k-th made-up town and its reading, different for every k below 1,800."""
        first, second = FIRST[k % len(FIRST)], SECOND[(k // len(FIRST)) % len(SECOND)]
        again = k // (len(FIRST) * len(SECOND))
        return "新" * again + first[0] + second[0], "しん" * again + first[1] + second[1]

    def phone(self, number):
        """The same new number wherever the copy gives the same number, and one area code for the city."""
        if number not in self.phones:
            parts = number.split("-")
            new = [re.sub("[0-9]", lambda _: str(self.rng.randrange(10)), p) for p in parts]
            new[0] = str(self.rng.randrange(2, 10)) + new[0][1:]
            if len(parts) == 3:
                area = parts[0]
                if area not in self.areas:
                    self.areas[area] = "0" + "".join(str(self.rng.randrange(1, 10)) for _ in area[1:])
                new[0] = self.areas[area]
            self.phones[number] = "-".join(new)
        return self.phones[number]

    def number(self, m):
        """A new phone number, house number or count, the same for the same; other numbers (dates, fees, 第1号) stay."""
        run, counted = m.group()[: len(m.group()) - len(m.group(1) or "")], m.group(1)
        if counted is None:
            return self.phone(run) if PHONE.fullmatch(run) else run
        if not run.isdigit() or m.string[m.start() - 1 : m.start()] == "第":
            return m.group()
        if m.group() not in self.numbers:
            new = str(self.rng.randrange(1, 10 ** min(len(run), 4)))
            self.numbers[m.group()] = (new if run.isascii() else new.translate(WIDE)) + counted
        return self.numbers[m.group()]

    def sentences(self, text):
        """Drops a sentence in eight, says one in twenty twice; a sentence holding a link stays."""
        parts = SENTENCE.findall(text)
        if len(parts) < 2:
            return text
        kept = []
        for part in parts:
            roll = self.rng.random()
            fixed = "](" in part or "{" in part or "\n" in part
            if roll < 0.125 and not fixed and part.endswith("。"):
                continue
            kept.append(part)
            if roll > 0.95 and not fixed and part.endswith("。"):
                kept.append(part)
        return "".join(kept) if any(p.endswith("。") for p in kept) else text

    def words(self, text):
        swaps = self.swaps
        return "".join([swaps.get(t, t) for t in split_words(text)])

    def whole(self, text):
        """What changes in every string of a file alike: names of places, numbers of phones and houses."""
        text = self.proper.sub(lambda m: self.rename[m.group()], text)
        return NUMBER.sub(self.number, text)

    def markdown(self, body):
        lines = []
        for line in body.split("\n"):
            text = self.words(line)
            if not line.startswith(("#", "|", "<")):
                text = self.sentences(text)
            lines.append(text)
        return "\n".join(lines)

    def toml(self, segments):
        out = []
        for key, piece in segments:
            if key in PROSE_KEYS:
                quote = next(q for q in ('"""', "'''", '"', "'") if piece.startswith(q))
                out.append(quote + self.sentences(self.words(piece[len(quote):-len(quote)])) + quote)
            elif key == "md":
                out.append(self.markdown(piece))
            else:
                out.append(piece)
        return self.whole("".join(out))

    def csv(self, text):
        head, _, rows = text.partition("\n")
        return head + "\n" + self.whole(self.words(rows))


def write_copy(source, copy, target):
    for rel, kind, data in source.files:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "toml":
            text = copy.toml(data)
            if rel.as_posix() == "city.toml":
                text = re.sub(r'(?m)^id = "[^"]*"', f'id = "{copy.id}"', text, count=1)
                text = re.sub(r'(?m)^name = "[^"]*"', f'name = "{copy.name}"', text, count=1)
                text = re.sub(r'(?m)^reading = "[^"]*"', f'reading = "{copy.reading}"', text, count=1)
        elif kind == "csv":
            text = copy.csv(data)
        else:
            path.write_bytes(data)
            continue
        path.write_bytes(text.encode("utf-8"))


def corpus(content, copies):
    """Writes the corpus into `content`: national content, the bundled cities, copies 1..copies-1 of each."""
    for top in sorted((ROOT / "content").iterdir()):
        if top.is_dir() and top.name != "cities":
            shutil.copytree(top, content / top.name)
    folders = sorted(p for p in (ROOT / "content" / "cities").iterdir() if (p / "city.toml").is_file())
    sources = [Source(f) for f in folders]
    words = vocabulary(sources)
    for source in sources:
        shutil.copytree(source.folder, content / "cities" / source.folder.name)
    # Each copy depends on its number alone, so the copies are written on every core at once.
    global JOB
    JOB = (sources, words, content / "cities")
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        pool.map(write_copies, range(1, copies), chunksize=8)
    return content


JOB = None


def write_copies(n):
    """Writes copy `n` of every bundled city (in a worker of `corpus`)."""
    sources, words, cities = JOB
    for i, source in enumerate(sources):
        copy = Copy(source, (n - 1) * len(sources) + i, n, words)
        write_copy(source, copy, cities / copy.id)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write content/ into (must not exist)")
    parser.add_argument("--copies", type=int, default=2, help="copies of each bundled city, the original included")
    args = parser.parse_args()
    start = time.perf_counter()
    content = corpus(Path(args.out) / "content", args.copies)
    cities = len(list((content / "cities").iterdir()))
    print(f"{cities} municipalities in {time.perf_counter() - start:.2f} s: {content}")


if __name__ == "__main__":
    main()
