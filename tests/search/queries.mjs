// Queries written from the five seed guides (../shared/seeds/), the way a
// reader types them: kanji, kana for katakana words, full-width digits and
// letters, and one mistyped character. Each names what its top 3 must hold:
// a result whose title, page title or text contains `title`, in `city`
// when given. URLs are not named, so the queries survive a new page layout.
export const QUERIES = [
  // kanji, as the guides write them
  { q: "相談強化加算 何回", kind: "kanji", title: "地域生活支援拠点等相談強化加算" },
  { q: "事前登録シート 更新", kind: "kanji", title: "更新", city: "kushiro" },
  { q: "ハイリスク者とは", kind: "kanji", title: "ハイリスク者とは", city: "zushi" },
  { q: "地域体制強化共同支援加算", kind: "kanji", title: "地域体制強化共同支援加算" },
  { q: "集中支援加算", kind: "kanji", title: "集中支援加算" },
  { q: "緊急短期入所受入加算", kind: "kanji", title: "緊急短期入所受入加算" },
  { q: "予防支援プラン", kind: "kanji", title: "予防支援プラン", city: "ise" },
  { q: "緊急時支援計画", kind: "kanji", title: "緊急時支援計画", city: "ise" },
  { q: "通所体験事業", kind: "kanji", title: "通所体験事業", city: "zushi" },
  { q: "モニタリング期間 変更", kind: "kanji", title: "モニタリング期間に変更", city: "yokkaichi" },
  { q: "65歳到達時", kind: "kanji", title: "65歳到達時", city: "yokkaichi" },
  { q: "ケース移管", kind: "kanji", title: "ケース移管", city: "yokkaichi" },
  { q: "個人情報保護", kind: "kanji", title: "個人情報保護", city: "matsue" },
  { q: "意思決定支援", kind: "kanji", title: "意思決定支援", city: "matsue" },
  { q: "障害者虐待 窓口", kind: "kanji", title: "虐待対応窓口", city: "yokkaichi" },
  { q: "在宅介護支援センター", kind: "kanji", title: "在宅介護支援センター", city: "yokkaichi" },
  { q: "登録期間", kind: "kanji", title: "登録期間", city: "kushiro" },
  { q: "申請書の様式はどこ", kind: "kanji", title: "申請書の様式", city: "kushiro" },
  { q: "市外事業所 登録", kind: "kanji", title: "市外事業所", city: "zushi" },
  { q: "事業の実施主体", kind: "kanji", title: "実施主体", city: "zushi" },
  { q: "初回加算", kind: "kanji", title: "初回加算" },
  { q: "入院時情報連携加算", kind: "kanji", title: "入院時情報連携加算" },
  { q: "退院退所加算", kind: "kanji", title: "退院・退所加算" },
  { q: "定員超過特例加算", kind: "kanji", title: "定員超過特例加算" },
  { q: "障害福祉サービス 介護保険 移行", kind: "kanji", title: "介護保険", city: "yokkaichi" },
  { q: "障害のある子供の緊急時", kind: "kanji", title: "子どもの緊急時", city: "zushi" },
  { q: "障碍福祉課", kind: "kanji", title: "障がい福祉課" },
  // kana for katakana words, half-width katakana
  { q: "はいりすく者", kind: "kana", title: "ハイリスク者", city: "zushi" },
  { q: "ふぇいすしーと", kind: "kana", title: "フェイスシート", city: "zushi" },
  { q: "こーでぃねーたー", kind: "kana", title: "コーディネーター", city: "kushiro" },
  { q: "もにたりんぐ期間", kind: "kana", title: "モニタリング期間" },
  { q: "ｹｰｽ移管", kind: "kana", title: "ケース移管", city: "yokkaichi" },
  { q: "ぴあさぽーと", kind: "kana", title: "ピアサポート体制加算" },
  { q: "すぷりんくらー", kind: "kana", title: "スプリンクラー", city: "zushi" },
  { q: "ｸﾞﾙｰﾌﾟﾎｰﾑ", kind: "kana", title: "グループホーム", city: "zushi" },
  { q: "けあ会議", kind: "kana", title: "ケア会議", city: "kushiro" },
  // full-width digits and letters
  { q: "７，０００円", kind: "fullwidth", title: "緊急時の対応（人員）に対する支援", city: "ise" },
  { q: "３０，０００円", kind: "fullwidth", title: "市単独補助", city: "zushi" },
  { q: "６５歳", kind: "fullwidth", title: "65歳", city: "yokkaichi" },
  { q: "第１号様式", kind: "fullwidth", title: "登録申請", city: "zushi" },
  { q: "ＰＤＣＡ", kind: "fullwidth", title: "ＰＤＣＡ", city: "ise" },
  { q: "２，０００単位", kind: "fullwidth", title: "地域体制強化共同支援加算" },
  // one mistyped character
  { q: "相談強加加算", kind: "typo", title: "地域生活支援拠点等相談強化加算" },
  { q: "ハイリスク車とは", kind: "typo", title: "ハイリスク者とは", city: "zushi" },
  { q: "事前登録シーと", kind: "typo", title: "事前登録シート" },
  { q: "地域体制強化共同支援加尊", kind: "typo", title: "地域体制強化共同支援加算" },
  { q: "緊急短期入所受人加算", kind: "typo", title: "緊急短期入所受入加算" },
  { q: "予防支授プラン", kind: "typo", title: "予防支援プラン", city: "ise" },
  { q: "個人情報保獲", kind: "typo", title: "個人情報保護", city: "matsue" },
  { q: "意思決定支緩", kind: "typo", title: "意思決定支援", city: "matsue" },
  { q: "通所体検事業", kind: "typo", title: "通所体験事業", city: "zushi" },
];

/** The visible text of a snippet (tags and entities undone). */
function plain(snippet = "") {
  return snippet.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&amp;/g, "&");
}

/** True if a result (its title, its page's title or its text) holds what the query expects. */
export function matches(result, expected) {
  const texts = [result.title, result.page, plain(result.snippet)];
  const found = texts.some((t) => t && t.includes(expected.title));
  return found && (!expected.city || result.city === expected.city);
}
