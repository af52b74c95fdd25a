#include "services/casework/xml_writer.h"

#include "absl/strings/str_cat.h"

namespace sendcase::casework {

std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 has no way to write other C0 control characters.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          break;
        }
        out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter() : out_("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

void XmlWriter::Indent() { out_.append(2 * open_.size(), ' '); }

void XmlWriter::Open(absl::string_view name) {
  Indent();
  absl::StrAppend(&out_, "<", name, ">\n");
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  if (open_.empty()) return;
  const std::string name = std::move(open_.back());
  open_.pop_back();
  Indent();
  absl::StrAppend(&out_, "</", name, ">\n");
}

void XmlWriter::Leaf(absl::string_view name, absl::string_view text) {
  if (text.empty()) return;
  Indent();
  absl::StrAppend(&out_, "<", name, ">", XmlEscape(text), "</", name, ">\n");
}

std::string XmlWriter::Finish() {
  while (!open_.empty()) Close();
  return std::move(out_);
}

}  // namespace sendcase::casework
