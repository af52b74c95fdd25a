#ifndef SENDCASE_SERVICES_CASEWORK_XML_WRITER_H_
#define SENDCASE_SERVICES_CASEWORK_XML_WRITER_H_

// A small writer of indented UTF-8 XML for the DfE returns (SEN2): elements
// and text only, no attributes or namespaces. Text is escaped (& < > " ')
// and control characters other than tab and newline, which XML 1.0 cannot
// carry, are dropped.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sendcase::casework {

class XmlWriter {
 public:
  XmlWriter();  // writes the XML declaration

  // <name>, to be closed by Close().
  void Open(absl::string_view name);
  // Closes the innermost open element (nothing if none is open).
  void Close();
  // <name>text</name>; nothing when `text` is empty (an item not reported).
  void Leaf(absl::string_view name, absl::string_view text);

  // The document, with any element still open closed.
  std::string Finish();

 private:
  void Indent();
  std::string out_;
  std::vector<std::string> open_;
};

// `text` escaped for element content.
std::string XmlEscape(absl::string_view text);

}  // namespace sendcase::casework

#endif  // SENDCASE_SERVICES_CASEWORK_XML_WRITER_H_
