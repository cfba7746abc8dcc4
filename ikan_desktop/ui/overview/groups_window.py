"""Instructional groups: move children between groups (drag, or Ctrl+← / Ctrl+→), rename, save.

Each strategy domain has its own groups. The window opens on the teacher's last saved groups
(and says who has moved on since), or on the suggestion from confirmed stages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.groups import (
    GroupedChild,
    InstructionalGroup,
    group_of,
    move_child,
    rename_group,
)
from ikan_desktop.store.database import Store
from ikan_desktop.store.standings import local_date
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.workflows.class_groups import ClassGroups, class_groups, group_titles, save_groups

ID_ROLE = Qt.ItemDataRole.UserRole
STAGE_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTHS = (180, 260)  # a group's column: at least, at most
TITLE_LINES = 6


class GroupList(QListWidget):
    """The children of one group; accepts children dragged from another group."""

    dropped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMinimumHeight(200)
        self.setWordWrap(True)
        self.model().rowsInserted.connect(lambda *_: self.dropped.emit())


class GroupsWindow(QWidget):
    """One class's groups, domain by domain."""

    closed = Signal()
    sheet_requested = Signal(str, object)  # class name, {domain: groups}

    def __init__(self, store: Store, class_name: str) -> None:
        super().__init__()
        self.setWindowTitle(f"Instructional groups: {class_name}")
        fit_to_screen(self, 1240, 600)
        self._store = store
        self.class_name = class_name
        self.framework: Framework = load_framework()
        self.found: ClassGroups = class_groups(store, class_name, framework=self.framework)
        self.groups: dict[str, tuple[InstructionalGroup, ...]] = {
            d.domain_id: d.current for d in self.found.domains
        }
        self.unsaved: set[str] = set()
        self.lists: list[GroupList] = []
        self.name_edits: list[QLineEdit] = []
        self.titles: list[QLabel] = []
        self._syncing = False

        self.domain_box = QComboBox(objectName="groupsDomain")
        for domain in self.framework.strategy_domains:
            self.domain_box.addItem(domain.name, domain.id)
        self.state = QLabel(objectName="groupsState")
        self.moved = QLabel(objectName="groupsMovedOn")
        self.moved.setWordWrap(True)
        self.moved.setStyleSheet("color: #7a4a00;")
        self.columns = QWidget()
        self.column_row = QHBoxLayout(self.columns)  # the groups share the width (see _column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns)
        hint = QLabel(
            "(n) the stage when the groups were made. Drag a child to another group, or select "
            "them and press Ctrl+← / Ctrl+→. Type a group's own name above it.",
        )
        hint.setStyleSheet("color: #56656f;")
        hint.setWordWrap(True)
        suggest = QPushButton("Start again from &suggestions", objectName="resetGroups")
        sheet = QPushButton("Group &sheet (PDF)…", objectName="groupSheet")
        self.save_button = QPushButton("&Save groups", objectName="saveGroups")
        self.save_button.setStyleSheet("font-weight: 600; padding: 4px 14px;")

        top = QHBoxLayout()
        top.addWidget(QLabel("&Domain:", buddy=self.domain_box))
        top.addWidget(self.domain_box)
        top.addSpacing(12)
        top.addWidget(self.state, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(suggest)
        bottom.addWidget(sheet)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.moved)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        self.domain_box.currentIndexChanged.connect(lambda _i: self._show())
        suggest.clicked.connect(self._suggest)
        self.save_button.clicked.connect(self.save)
        sheet.clicked.connect(lambda: self.sheet_requested.emit(self.class_name, dict(self.groups)))
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Ctrl+Right"), self, lambda: self.move_selected(+1))
        QShortcut(QKeySequence("Ctrl+Left"), self, lambda: self.move_selected(-1))
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self._show()

    @property
    def domain_id(self) -> str:
        return str(self.domain_box.currentData())

    def move_selected(self, step: int) -> None:
        """Move the selected child to the next (+1) or previous (-1) group, keeping it selected."""
        found = self._selected()
        if found is None:
            return
        student_id, index = found
        target = index + step
        groups = self.groups[self.domain_id]
        if not 0 <= target < len(groups):
            return
        self.move_to_group(student_id, target)

    def move_to_group(self, student_id: str, target: int) -> None:
        """Move one child to the group at `target` and redraw (not QWidget.move: that places it)."""
        self.groups[self.domain_id] = move_child(self.groups[self.domain_id], student_id, target)
        self._changed()
        self._refill(select=student_id)

    def save(self) -> None:
        """Save this domain's groups, dated today."""
        plan = save_groups(
            self._store, self.class_name, self.domain_id, self.groups[self.domain_id]
        )
        self.unsaved.discard(self.domain_id)
        self._state_text(saved_on=f"{local_date(plan.saved_at):%d %b %Y}")

    def _selected(self) -> tuple[str, int] | None:
        for index, widget in enumerate(self.lists):
            item = widget.currentItem()
            if widget.hasFocus() and item is not None:
                return str(item.data(ID_ROLE)), index
        for index, widget in enumerate(self.lists):
            if widget.selectedItems():
                return str(widget.selectedItems()[0].data(ID_ROLE)), index
        return None

    def _show(self) -> None:
        while self.column_row.count():
            item = self.column_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.lists, self.name_edits, self.titles = [], [], []
        for index, _group in enumerate(self.groups[self.domain_id]):
            self.column_row.addWidget(self._column(index))
        self.column_row.addStretch(1)  # beyond each group's widest, the room stays at the right
        self._refill()
        domain = self.found.domain(self.domain_id)
        saved = f"{local_date(domain.saved.saved_at):%d %b %Y}" if domain.saved else None
        self._state_text(saved_on=saved)
        if domain.moved_on:
            names = "; ".join(
                f"{m.name} (now stage {m.now}; the group worked from {m.from_stage})"
                for m in domain.moved_on
            )
            self.moved.setText(f"Moved on since these groups were saved: {names}")
        self.moved.setVisible(bool(domain.moved_on))

    def _column(self, index: int) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        # As wide as the window allows, between these: five groups fit a 1366-pixel laptop
        # even at 125 % text, and more than that scroll sideways.
        frame.setMinimumWidth(COLUMN_WIDTHS[0])
        frame.setMaximumWidth(COLUMN_WIDTHS[1])
        frame.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(frame)
        title = QLabel()
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: 600;")
        # Room for the longest transition's words, so the lists below start level.
        title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        title.setMinimumHeight(TITLE_LINES * title.fontMetrics().lineSpacing())
        name = QLineEdit(placeholderText="Name this group…")
        name.editingFinished.connect(lambda: self._rename(index, name.text()))
        children = GroupList()
        children.dropped.connect(self._sync_soon)
        box.addWidget(name)
        box.addWidget(title)
        box.addWidget(children, 1)
        self.lists.append(children)
        self.name_edits.append(name)
        self.titles.append(title)
        return frame

    def _refill(self, select: str | None = None) -> None:
        self._syncing = True
        groups = self.groups[self.domain_id]
        titles = group_titles(self.framework, self.domain_id, groups)
        moved = {m.student_id: m.now for m in self.found.domain(self.domain_id).moved_on}
        for index, group in enumerate(groups):
            widget = self.lists[index]
            widget.clear()
            for child in group.members:
                now = moved.get(child.student_id)
                if now is not None:
                    stage = f"  ({child.stage} → now {now})"
                else:
                    stage = "" if child.stage is None else f"  ({child.stage})"
                item = QListWidgetItem(child.name + stage)
                if "→ now" in stage:
                    item.setBackground(QColor("#fde9c4"))
                    item.setToolTip("Moved on since these groups were saved")
                item.setData(ID_ROLE, child.student_id)
                item.setData(STAGE_ROLE, child.stage)
                widget.addItem(item)
                if child.student_id == select:
                    widget.setCurrentItem(item)
                    widget.setFocus()
            self.titles[index].setText(titles[index])
            if self.name_edits[index].text() != group.name:
                self.name_edits[index].setText(group.name)
        self._syncing = False

    def _sync_soon(self) -> None:
        if not self._syncing:
            QTimer.singleShot(0, self._sync_from_lists)

    def _sync_from_lists(self) -> None:
        """After a drag: read who is in which list now."""
        old = self.groups[self.domain_id]
        rebuilt = []
        for widget in self.lists:
            members = [
                GroupedChild(
                    str(widget.item(r).data(ID_ROLE)),
                    widget.item(r).text().split("  (")[0],
                    widget.item(r).data(STAGE_ROLE),
                )
                for r in range(widget.count())
            ]
            rebuilt.append(members)
        groups = old
        for index, members in enumerate(rebuilt):
            for child in members:
                if group_of(groups, child.student_id) != index:
                    groups = move_child(groups, child.student_id, index)
        self.groups[self.domain_id] = groups
        self._changed()
        self._refill()

    def _rename(self, index: int, name: str) -> None:
        groups = self.groups[self.domain_id]
        if index < len(groups) and groups[index].name != name.strip():
            self.groups[self.domain_id] = rename_group(groups, index, name)
            self._changed()
            self._refill()

    def _suggest(self) -> None:
        self.groups[self.domain_id] = self.found.domain(self.domain_id).suggested
        self._changed()
        self._show()

    def _changed(self) -> None:
        self.unsaved.add(self.domain_id)
        self._state_text()

    def _state_text(self, saved_on: str | None = None) -> None:
        if self.domain_id in self.unsaved:
            self.state.setText("Changed, not saved yet (Ctrl+S saves)")
        elif saved_on:
            self.state.setText(f"Groups saved {saved_on}")
        else:
            self.state.setText("Suggested from confirmed stages; not saved yet")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
