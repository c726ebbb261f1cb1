public import HIXML

/// A typed view over one CDA element. Views read from the element tree and write by editing it, so
/// everything the view does not model stays in place and is written back.
///
/// ```swift
/// var patient = CDAPatient(element: CDA.element("patient"))
/// patient.name = "王小二"
/// print(patient.element.firstChild("name")?.text ?? "")  // 王小二
/// ```
public protocol CDAElementView: Sendable, Equatable {
    /// The element viewed.
    var element: XMLElement { get set }
    /// Creates a view over `element`.
    init(element: XMLElement)
    /// The schema's order of this element's children, used to place new children.
    static var childOrder: [String] { get }
}

extension CDAElementView {
    /// A data value read from the first child `name`.
    public func value<T: HL7DataValue>(_ name: String, as type: T.Type = T.self) -> T? {
        element.firstChild(name).map(T.init(element:))
    }

    /// Writes a data value into the first child `name` (created in schema order when missing; removed
    /// with `nil`). Attributes and children the type does not know are kept.
    public mutating func setValue<T: HL7DataValue>(_ name: String, _ value: T?) {
        guard let value else {
            element.setChild(name, nil)
            return
        }
        var child = element.firstChild(name) ?? element.makeChild(name)
        value.write(into: &child)
        element.setChild(name, child, order: Self.childOrder)
    }

    /// Data values read from every child `name`.
    public func values<T: HL7DataValue>(_ name: String, as type: T.Type = T.self) -> [T] {
        element.children(name).map(T.init(element:))
    }

    /// Replaces every child `name` with `values` (existing children are reused in order).
    public mutating func setValues<T: HL7DataValue>(_ name: String, _ values: [T]) {
        let existing = element.children(name)
        var children: [XMLElement] = []
        for (index, value) in values.enumerated() {
            var child = index < existing.count ? existing[index] : element.makeChild(name)
            value.write(into: &child)
            children.append(child)
        }
        element.setChildren(name, children, order: Self.childOrder)
    }

    /// A view over the first child `name`.
    public func view<V: CDAElementView>(_ name: String, as type: V.Type = V.self) -> V? {
        element.firstChild(name).map(V.init(element:))
    }

    /// Sets (or removes) the first child `name` from a view.
    public mutating func setView<V: CDAElementView>(_ name: String, _ view: V?) {
        var child = view?.element
        if child != nil {
            child?.localName = name
            if child?.namespaceURI == nil { child?.namespaceURI = element.namespaceURI }
        }
        element.setChild(name, child, order: Self.childOrder)
    }

    /// Views over every child `name`.
    public func views<V: CDAElementView>(_ name: String, as type: V.Type = V.self) -> [V] {
        element.children(name).map(V.init(element:))
    }

    /// Replaces every child `name` with the views' elements.
    public mutating func setViews<V: CDAElementView>(_ name: String, _ views: [V]) {
        element.setChildren(
            name,
            views.map {
                var child = $0.element
                child.localName = name
                return child
            }, order: Self.childOrder)
    }

    /// The text of the first child `name`.
    public func text(_ name: String) -> String? { element.firstChild(name)?.text }

    /// Sets the text of the first child `name` (created when missing; removed with `nil`).
    public mutating func setText(_ name: String, _ text: String?) {
        guard let text else {
            element.setChild(name, nil)
            return
        }
        var child = element.firstChild(name) ?? element.makeChild(name)
        child.text = text
        element.setChild(name, child, order: Self.childOrder)
    }

    /// An attribute of the element.
    public func attribute(_ name: String) -> String? { element.attribute(name) }

    /// The `templateId`s of the element.
    public var templateIds: [II] {
        get { values("templateId") }
        set { setValues("templateId", newValue) }
    }

    /// The source line of the element, when it was parsed.
    public var line: Int? { element.line }
}

/// Shared prefix of every RIM class's children.
let infrastructure = ["realmCode", "typeId", "templateId"]
