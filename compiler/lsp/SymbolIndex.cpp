#include "lsp/SymbolIndex.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace slac::lsp {

using namespace slac::ast;

const char* symbolKindName(SymbolKind kind) {
  switch (kind) {
  case SymbolKind::Import:
    return "import";
  case SymbolKind::Calendar:
    return "calendar";
  case SymbolKind::Holidays:
    return "holidays";
  case SymbolKind::Service:
    return "service";
  case SymbolKind::Enum:
    return "enum";
  case SymbolKind::EnumCase:
    return "enum case";
  case SymbolKind::Stream:
    return "stream";
  case SymbolKind::Field:
    return "field";
  case SymbolKind::Let:
    return "let";
  case SymbolKind::Metric:
    return "metric";
  case SymbolKind::Agreement:
    return "agreement";
  case SymbolKind::Objective:
    return "objective";
  case SymbolKind::Remedy:
    return "remedy";
  case SymbolKind::Test:
    return "test";
  }
  return "symbol";
}

const Symbol* Symbol::child(std::string_view childName) const {
  for (const Symbol* candidate : children) {
    if (candidate->name == childName)
      return candidate;
  }
  return nullptr;
}

// The names visible at a place: its own, then those of the enclosing scopes.
// Hashed: an agreement scope may hold ten thousand objectives.
struct SymbolIndex::Scope {
  explicit Scope(const Scope* enclosing) : outer(enclosing) {}

  const Scope* outer;
  std::unordered_map<std::string_view, const Symbol*> names;

  void add(const std::vector<const Symbol*>& symbols) {
    for (const Symbol* symbol : symbols)
      names.emplace(symbol->name, symbol); // a duplicate (an error) keeps the first
  }
  const Symbol* lookup(std::string_view name) const {
    for (const Scope* scope = this; scope; scope = scope->outer) {
      if (auto found = scope->names.find(name); found != scope->names.end())
        return found->second;
    }
    return nullptr;
  }
};

namespace {

std::optional<SymbolKind> kindOf(const Decl* decl) {
  switch (decl->kind()) {
  case NodeKind::CalendarDecl:
    return SymbolKind::Calendar;
  case NodeKind::HolidaysDecl:
    return SymbolKind::Holidays;
  case NodeKind::ServiceDecl:
    return SymbolKind::Service;
  case NodeKind::EnumDecl:
    return SymbolKind::Enum;
  case NodeKind::StreamDecl:
    return SymbolKind::Stream;
  case NodeKind::FieldDecl:
    return SymbolKind::Field;
  case NodeKind::LetDecl:
    return SymbolKind::Let;
  case NodeKind::MetricDecl:
    return SymbolKind::Metric;
  case NodeKind::AgreementDecl:
    return SymbolKind::Agreement;
  case NodeKind::ObjectiveDecl:
    return SymbolKind::Objective;
  case NodeKind::RemedyDecl:
    return SymbolKind::Remedy;
  case NodeKind::TestDecl:
    return SymbolKind::Test;
  default:
    return std::nullopt; // imports, caps and terminations declare no name
  }
}

Symbol makeSymbol(std::string name, SymbolKind kind, SourceRange nameRange, SourceRange range,
                  const Decl* decl) {
  Symbol symbol;
  symbol.name = std::move(name);
  symbol.kind = kind;
  symbol.nameRange = nameRange;
  symbol.range = range;
  symbol.decl = decl;
  return symbol;
}

bool contains(SourceRange range, SourceLocation at) {
  return range.begin <= at && at <= range.end;
}

} // namespace

Symbol& SymbolIndex::add(Symbol symbol, Symbol* parent, const SourceFile* file) {
  symbol.parent = parent;
  Symbol& added = symbols_.emplace_back(std::move(symbol));
  if (parent)
    parent->children.push_back(&added);
  else
    topLevel_[file].push_back(&added);
  if (added.decl)
    byDecl_[added.decl] = &added;
  return added;
}

void SymbolIndex::declare(const Decl* decl, Symbol* parent, const SourceFile* file) {
  std::optional<SymbolKind> kind = kindOf(decl);
  if (!kind)
    return;
  Symbol symbol = makeSymbol(decl->name.name, *kind, decl->name.range, decl->range(), decl);
  if (const auto* test = dyn_cast<TestDecl>(decl)) {
    symbol.name = test->description.value;
    symbol.nameRange = test->description.range;
  }
  Symbol& added = add(std::move(symbol), parent, file);
  auto declareAll = [&](const std::vector<const Decl*>& members) {
    for (const Decl* member : members)
      declare(member, &added, file);
  };
  if (const auto* service = dyn_cast<ServiceDecl>(decl))
    declareAll(service->members);
  else if (const auto* stream = dyn_cast<StreamDecl>(decl))
    declareAll(stream->members);
  else if (const auto* agreement = dyn_cast<AgreementDecl>(decl))
    declareAll(agreement->members);
  else if (const auto* enumeration = dyn_cast<EnumDecl>(decl)) {
    for (const Identifier& enumCase : enumeration->cases)
      add(makeSymbol(enumCase.name, SymbolKind::EnumCase, enumCase.range, enumCase.range, nullptr),
          &added, file);
  }
}

void SymbolIndex::build(const std::vector<const modules::Module*>& modules) {
  for (const modules::Module* module : modules) {
    for (const Decl* decl : module->ast.declarations)
      declare(decl, nullptr, module->ast.file);
  }
  // Imports refer to the declarations of other modules: declared second.
  for (const modules::Module* module : modules) {
    std::size_t next = 0;
    for (const Decl* decl : module->ast.declarations) {
      const auto* import = dyn_cast<ImportDecl>(decl);
      if (!import || next >= module->imports.size())
        continue;
      const modules::ImportBinding& binding = module->imports[next++];
      SourceRange nameRange = import->alias ? import->alias->range : import->range();
      if (!import->alias) {
        if (const auto* dotted = std::get_if<QualifiedName>(&import->target))
          nameRange = dotted->parts.back().range;
        else
          nameRange = std::get<StringValue>(import->target).range;
      }
      Symbol symbol =
          makeSymbol(binding.name, SymbolKind::Import, nameRange, import->range(), import);
      symbol.imported = binding.module;
      for (const Symbol* imported : topLevel(binding.module->ast.file)) {
        if (imported->kind != SymbolKind::Import)
          symbol.children.push_back(imported);
      }
      add(std::move(symbol), nullptr, module->ast.file);
    }
  }
  for (const modules::Module* module : modules) {
    Scope fileScope(nullptr);
    fileScope.add(topLevel(module->ast.file));
    for (const Decl* decl : module->ast.declarations)
      resolveDecl(decl, fileScope);
  }
  std::sort(references_.begin(), references_.end(),
            [](const Reference& a, const Reference& b) { return a.range.begin < b.range.begin; });
}

void SymbolIndex::refer(SourceRange range, const Symbol* target) {
  if (target && !range.empty())
    references_.push_back({range, target});
}

const Symbol* SymbolIndex::resolveQualified(const QualifiedName& name, const Scope& scope) {
  const Symbol* current = nullptr;
  for (const Identifier& part : name.parts) {
    current = current ? current->child(part.name) : scope.lookup(part.name);
    if (!current)
      return nullptr;
    refer(part.range, current);
  }
  return current;
}

const Symbol* SymbolIndex::resolveNameExpr(const Expr* expr, const Scope& scope) {
  if (const auto* name = dyn_cast<NameExpr>(expr)) {
    const Symbol* target = scope.lookup(name->name().name);
    refer(name->name().range, target);
    return target;
  }
  if (const auto* member = dyn_cast<MemberExpr>(expr)) {
    const Symbol* base = resolveNameExpr(member->base(), scope);
    const Symbol* target = base ? base->child(member->member().name) : nullptr;
    refer(member->member().range, target);
    return target;
  }
  resolveExpr(expr, scope);
  return nullptr;
}

void SymbolIndex::resolveExpr(const Expr* expr, const Scope& scope) {
  if (!expr)
    return;
  if (isa<NameExpr>(expr) || isa<MemberExpr>(expr)) {
    resolveNameExpr(expr, scope);
  } else if (const auto* unary = dyn_cast<UnaryExpr>(expr)) {
    resolveExpr(unary->operand(), scope);
  } else if (const auto* binary = dyn_cast<BinaryExpr>(expr)) {
    resolveExpr(binary->lhs(), scope);
    resolveExpr(binary->rhs(), scope);
  } else if (const auto* isSet = dyn_cast<IsSetExpr>(expr)) {
    resolveExpr(isSet->operand(), scope);
  } else if (const auto* call = dyn_cast<CallExpr>(expr)) {
    for (const Expr* arg : call->args())
      resolveExpr(arg, scope);
  } else if (const auto* pauses = dyn_cast<PausesExpr>(expr)) {
    // `status_change where waiting on ticket == key`: the condition and the
    // join's left side read the status stream, its right side the record.
    const Symbol* source = scope.lookup(pauses->stream().name);
    refer(pauses->stream().range, source);
    Scope records(&scope);
    if (source && source->kind == SymbolKind::Stream)
      records.add(source->children);
    resolveExpr(pauses->condition(), records);
    if (const auto* join = dyn_cast<BinaryExpr>(pauses->join())) {
      resolveExpr(join->lhs(), records);
      resolveExpr(join->rhs(), scope);
    } else {
      resolveExpr(pauses->join(), scope);
    }
  } else if (const auto* aggregate = dyn_cast<AggregateExpr>(expr)) {
    // `ratio(ticket where late)`: the condition reads the stream's records.
    const Symbol* source = resolveNameExpr(aggregate->source(), scope);
    if (source && source->kind != SymbolKind::Stream && source->parent &&
        source->parent->kind == SymbolKind::Stream)
      source = source->parent;
    Scope records(&scope);
    if (source && source->kind == SymbolKind::Stream)
      records.add(source->children);
    resolveExpr(aggregate->filter(), records);
    for (const Expr* arg : aggregate->args())
      resolveExpr(arg, records);
  } else if (const auto* slices = dyn_cast<SlicesExpr>(expr)) {
    resolveExpr(slices->width(), scope);
  } else if (const auto* match = dyn_cast<MatchExpr>(expr)) {
    resolveExpr(match->subject(), scope);
    for (const MatchArm& arm : match->arms()) {
      for (const Identifier& pattern : arm.patterns)
        refer(pattern.range, scope.lookup(pattern.name));
      resolveExpr(arm.value, scope);
    }
  }
}

void SymbolIndex::resolveDecl(const Decl* decl, const Scope& scope) {
  const Symbol* self = byDecl_.count(decl) ? byDecl_.at(decl) : nullptr;
  if (const auto* calendar = dyn_cast<CalendarDecl>(decl)) {
    for (const CalendarItem& item : calendar->items) {
      if (const auto* closed = std::get_if<ClosedItem>(&item)) {
        for (const auto& entry : closed->entries) {
          if (const auto* name = std::get_if<QualifiedName>(&entry))
            resolveQualified(*name, scope);
        }
      }
    }
  } else if (const auto* service = dyn_cast<ServiceDecl>(decl)) {
    Scope inner(&scope);
    inner.add(self->children);
    for (const Symbol* member : self->children) {
      if (member->kind == SymbolKind::Enum)
        inner.add(member->children);
    }
    for (const Decl* member : service->members)
      resolveDecl(member, inner);
  } else if (const auto* stream = dyn_cast<StreamDecl>(decl)) {
    Scope inner(&scope);
    inner.add(self->children);
    refer(stream->eventTime.range, self->child(stream->eventTime.name));
    if (stream->intervalEnd)
      refer(stream->intervalEnd->range, self->child(stream->intervalEnd->name));
    for (const Decl* member : stream->members)
      resolveDecl(member, inner);
  } else if (const auto* field = dyn_cast<FieldDecl>(decl)) {
    const Symbol* type = scope.lookup(field->type.name);
    if (type && type->kind == SymbolKind::Enum)
      refer(field->type.range, type);
  } else if (const auto* let = dyn_cast<LetDecl>(decl)) {
    resolveExpr(let->value, scope);
  } else if (const auto* metric = dyn_cast<MetricDecl>(decl)) {
    resolveExpr(metric->value, scope);
  } else if (const auto* agreement = dyn_cast<AgreementDecl>(decl)) {
    if (agreement->supports)
      resolveQualified(*agreement->supports, scope);
    Scope inner(&scope);
    inner.add(self->children);
    for (const Decl* member : agreement->members)
      resolveDecl(member, inner);
    // A revision restates the agreement's objectives: their names refer to
    // the objectives they revise, and the rest reads like the agreement's.
    for (const RevisionDecl* revision : agreement->revisions)
      for (const Decl* member : revision->members) {
        if (const auto* restated = dyn_cast<ObjectiveDecl>(member))
          refer(restated->name.range, inner.lookup(restated->name.name));
        resolveDecl(member, inner);
      }
  } else if (const auto* objective = dyn_cast<ObjectiveDecl>(decl)) {
    const Symbol* measured = resolveNameExpr(objective->metric, scope);
    resolveExpr(objective->target, scope);
    for (const ObjectiveClause& clause : objective->clauses) {
      if (const auto* filter = std::get_if<CalendarFilter>(&clause)) {
        resolveQualified(filter->calendar, scope);
      } else if (const auto* per = std::get_if<PerClause>(&clause)) {
        // `per customer`: a field of the streams of the metric's service.
        const Symbol* owner = measured ? measured->parent : nullptr;
        for (const Identifier& grouped : per->fields)
          for (const Symbol* member : owner ? owner->children : std::vector<const Symbol*>{}) {
            const Symbol* grouping =
                member->kind == SymbolKind::Stream ? member->child(grouped.name) : nullptr;
            if (grouping) {
              refer(grouped.range, grouping);
              break;
            }
          }
      }
    }
  } else if (const auto* remedy = dyn_cast<RemedyDecl>(decl)) {
    refer(remedy->objective.range, scope.lookup(remedy->objective.name));
  } else if (const auto* terminate = dyn_cast<TerminateDecl>(decl)) {
    refer(terminate->objective.range, scope.lookup(terminate->objective.name));
  } else if (const auto* test = dyn_cast<TestDecl>(decl)) {
    for (const TestItem& item : test->items) {
      if (const auto* data = std::get_if<DataItem>(&item))
        resolveQualified(data->stream, scope);
      else if (const auto* expect = std::get_if<ExpectItem>(&item))
        resolveQualified(expect->subject, scope);
    }
  }
}

const std::vector<const Symbol*>& SymbolIndex::topLevel(const SourceFile* file) const {
  static const std::vector<const Symbol*> kNone;
  auto found = topLevel_.find(file);
  return found == topLevel_.end() ? kNone : found->second;
}

const Symbol* SymbolIndex::symbolAt(SourceLocation at) const {
  for (const Reference& reference : references_) {
    if (reference.range.begin > at)
      break;
    if (contains(reference.range, at))
      return reference.target;
  }
  for (const Symbol& symbol : symbols_) {
    if (!symbol.nameRange.empty() && contains(symbol.nameRange, at))
      return &symbol;
  }
  return nullptr;
}

std::vector<SourceRange> SymbolIndex::referencesTo(const Symbol* target) const {
  std::vector<SourceRange> ranges;
  if (!target)
    return ranges;
  ranges.push_back(target->nameRange);
  for (const Reference& reference : references_) {
    if (reference.target == target)
      ranges.push_back(reference.range);
  }
  std::sort(ranges.begin(), ranges.end(),
            [](SourceRange a, SourceRange b) { return a.begin < b.begin; });
  ranges.erase(std::unique(ranges.begin(), ranges.end()), ranges.end());
  return ranges;
}

const Symbol* SymbolIndex::enclosing(const SourceFile* file, SourceLocation at) const {
  const Symbol* innermost = nullptr;
  for (const Symbol* symbol : topLevel(file)) {
    while (symbol && contains(symbol->range, at)) {
      innermost = symbol;
      const Symbol* next = nullptr;
      for (const Symbol* child : symbol->children) {
        if (contains(child->range, at))
          next = child;
      }
      symbol = next;
    }
  }
  return innermost;
}

std::vector<const Symbol*> SymbolIndex::named(std::string_view name) const {
  std::vector<const Symbol*> result;
  for (const Symbol& symbol : symbols_) {
    if (symbol.name == name)
      result.push_back(&symbol);
  }
  return result;
}

} // namespace slac::lsp
